package dev.tamma.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.webhook.Normalisation.Ignored;
import dev.tamma.core.webhook.Normalisation.Normalised;
import dev.tamma.core.webhook.WebhookEvent.IssueLabeled;
import dev.tamma.webhooks.WebhookIntake.Accepted;
import dev.tamma.webhooks.WebhookIntake.IntakeResult;
import dev.tamma.webhooks.WebhookIntake.Refused;
import dev.tamma.webhooks.github.GitHubNormaliser;
import dev.tamma.webhooks.github.GitHubVerifier;
import dev.tamma.webhooks.azure.AzureDevOpsVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of checks at an endpoint and what each refusal answers. */
class WebhookIntakeTest {

    private static final String SECRET = "intake-test-secret";
    private static final String LABELED = """
            {"action":"labeled","issue":{"number":12,"labels":[{"name":"tamma"}]},"label":{"name":"tamma"},
             "repository":{"full_name":"octo/hello"},"sender":{"login":"maria","type":"User"}}""";

    private final WebhookIntake intake = new WebhookIntake(new GitHubVerifier(List.of(SECRET)), new GitHubNormaliser(), 4096);

    private static WebhookRequest signed(byte[] body, String contentType, String event) {
        return new WebhookRequest(body, Headers.of(
                "Content-Type", contentType,
                "X-GitHub-Event", event,
                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                "X-Hub-Signature-256", HmacHexSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), body, "sha256=")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedDeliveryIsAcceptedWithItsDeliveryIdAndEvents() {
        IntakeResult result = intake.receive(signed(bytes(LABELED), "application/json", "issues"));

        assertThat(result).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.httpStatus()).isEqualTo(200);
            assertThat(a.deliveryId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
            assertThat(a.bodySha256()).isEqualTo(Crypto.sha256Hex(bytes(LABELED)));
            assertThat(((Normalised) a.normalisation()).events()).singleElement().isInstanceOf(IssueLabeled.class);
        });
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() {
        byte[] big = new byte[4097];

        IntakeResult result = intake.receive(new WebhookRequest(big, Headers.of()));

        assertThat(result).isEqualTo(new Refused(Refusal.BODY_TOO_LARGE,
                "body of 4097 bytes exceeds the limit of 4096 bytes"));
        assertThat(result.httpStatus()).isEqualTo(413);
        assertThat(intake.exceedsLimit(4097)).isTrue();
        assertThat(intake.exceedsLimit(-1)).isFalse();
    }

    @Test
    void malformedJsonWithAGoodSignatureIsA400ThatDoesNotQuoteTheBody() {
        byte[] body = bytes("{\"action\": \"labeled\", \"secret-ish\": ");

        IntakeResult result = intake.receive(signed(body, "application/json", "issues"));

        assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(400);
            assertThat(r.message()).startsWith("the body is not valid JSON").doesNotContain("secret-ish");
        });
    }

    @Test
    void trailingGarbageAfterTheJsonIsMalformedToo() {
        IntakeResult result = intake.receive(signed(bytes(LABELED + " {}"), "application/json", "issues"));

        assertThat(result.httpStatus()).isEqualTo(400);
    }

    @Test
    void jsonThatIsNotAnObjectIsMalformed() {
        IntakeResult result = intake.receive(signed(bytes("[1,2]"), "application/json", "issues"));

        assertThat(result).isEqualTo(new Refused(Refusal.MALFORMED_PAYLOAD, "the body is JSON but not an object"));
    }

    @Test
    void credentialsAreCheckedBeforeTheBodyIsParsed() {
        WebhookRequest unsigned = new WebhookRequest(bytes("not json"),
                Headers.of("Content-Type", "application/json", "X-GitHub-Event", "issues"));

        assertThat(intake.receive(unsigned)).isEqualTo(new Refused(Refusal.MISSING_CREDENTIALS,
                "missing header X-Hub-Signature-256"));
    }

    @Test
    void anotherContentTypeIsA415() {
        IntakeResult result = intake.receive(signed(bytes(LABELED), "text/plain", "issues"));

        assertThat(result).isEqualTo(new Refused(Refusal.UNSUPPORTED_MEDIA_TYPE,
                "expected application/json or application/x-www-form-urlencoded (with a payload field), "
                        + "received Content-Type text/plain"));
        assertThat(intake.receive(new WebhookRequest(bytes(LABELED), Headers.of())).httpStatus()).isEqualTo(415);
    }

    @Test
    void theContentTypeMayCarryACharset() {
        assertThat(intake.receive(signed(bytes(LABELED), "application/json; charset=utf-8", "issues")))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void gitHubsFormEncodedVariantIsReadFromThePayloadField() {
        byte[] form = bytes("payload=" + URLEncoder.encode(LABELED, StandardCharsets.UTF_8));

        IntakeResult result = intake.receive(signed(form, "application/x-www-form-urlencoded", "issues"));

        assertThat(result).isInstanceOfSatisfying(Accepted.class, a -> assertThat(a.normalisation())
                .isInstanceOf(Normalised.class));
        assertThat(intake.receive(signed(bytes("other=1"), "application/x-www-form-urlencoded", "issues")))
                .isEqualTo(new Refused(Refusal.MALFORMED_PAYLOAD, "the form-encoded body has no payload field"));
    }

    @Test
    void platformsThatOnlySendJsonRefuseAForm() {
        assertThat(Payloads.checkContentType(Headers.of("Content-Type", "application/x-www-form-urlencoded"), false))
                .hasValueSatisfying(e -> assertThat(e.refusal()).isEqualTo(Refusal.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void anUnknownEventIsAcceptedAs202AndIgnored() {
        byte[] body = bytes("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");

        IntakeResult result = intake.receive(signed(body, "application/json", "ping"));

        assertThat(result).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.httpStatus()).isEqualTo(202);
            assertThat(a.normalisation()).isEqualTo(new Ignored("72d3162e-cc78-11e3-81ab-4c9367dc0958", "ping",
                    "GitHub's test delivery"));
        });
    }

    @Test
    void aVerifierAndNormaliserOfDifferentPlatformsDoNotMix() {
        assertThatThrownBy(() -> new WebhookIntake(new AzureDevOpsVerifier("u", List.of(SECRET)), new GitHubNormaliser()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestsAndHeadersDoNotPrintValues() {
        WebhookRequest request = signed(bytes(LABELED), "application/json", "issues");

        assertThat(request.toString()).doesNotContain("sha256=").doesNotContain("tamma").contains("bytes");
    }
}
