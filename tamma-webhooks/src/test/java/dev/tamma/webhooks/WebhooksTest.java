package dev.tamma.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.WebhookIntake.Refused;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhooksTest {

    @Test
    void everyPlatformHasANormaliserForItself() {
        for (Platform platform : Webhooks.platforms()) {
            assertThat(Webhooks.normaliser(platform).platform()).isEqualTo(platform);
        }
    }

    @Test
    void anEndpointWithoutASecretRefusesEveryDeliveryAndSaysWhatToSet() {
        WebhookIntake intake = Webhooks.orRefusingAll(Platform.BITBUCKET,
                () -> Webhooks.bitbucket(List.of(), WebhookIntake.DEFAULT_MAX_BODY_BYTES));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookRequest anything = new WebhookRequest(body, Headers.of("Content-Type", "application/json",
                "X-Event-Key", "repo:push", "X-Hub-Signature", HmacHexSignatures.sign("guess".getBytes(StandardCharsets.UTF_8), body, "sha256=")));

        assertThat(Webhooks.isUnconfigured(intake)).isTrue();
        assertThat(intake.receive(anything)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(503);
            assertThat(r.message()).isEqualTo("Bitbucket Cloud webhooks: no secret is configured; set "
                    + "tamma.webhooks.bitbucket.secrets (environment variable TAMMA_WEBHOOKS_BITBUCKET_SECRETS). "
                    + "Until then every Bitbucket Cloud delivery is refused.");
        });
    }

    @Test
    void aConfiguredEndpointIsBuiltNormally() {
        WebhookIntake intake = Webhooks.orRefusingAll(Platform.GITLAB,
                () -> Webhooks.gitlab(List.of("token-1"), List.of(), 1024));

        assertThat(Webhooks.isUnconfigured(intake)).isFalse();
        assertThat(intake.platform()).isEqualTo(Platform.GITLAB);
        assertThat(intake.maxBodyBytes()).isEqualTo(1024);
    }

    @Test
    void headersAreCaseInsensitiveAndPrintNoValues() {
        Headers headers = Headers.ofMultiple(Map.of("x-gitlab-token", List.of("  s3cr3t  ", "second")));

        assertThat(headers.first("X-GITLAB-TOKEN")).contains("s3cr3t");
        assertThat(headers.all("X-Gitlab-Token")).containsExactly("  s3cr3t  ", "second");
        assertThat(headers.toString()).doesNotContain("s3cr3t");
        assertThat(Headers.of(Map.of("X-Empty", " ")).first("x-empty")).isEmpty();
    }

    @Test
    void anOddLookingDeliveryHeaderFallsBackToTheBodyHash() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        WebhookRequest weird = new WebhookRequest(body, Headers.of("X-GitHub-Delivery", "<script>alert(1)</script>"));
        WebhookRequest normal = new WebhookRequest(body, Headers.of("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));

        assertThat(DeliveryIds.of(weird, "X-GitHub-Delivery")).isEqualTo("sha256:" + Crypto.sha256Hex(body));
        assertThat(DeliveryIds.of(normal, "X-GitHub-Delivery")).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }
}
