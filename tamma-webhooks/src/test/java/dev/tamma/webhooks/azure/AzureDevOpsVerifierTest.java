package dev.tamma.webhooks.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.Verification.Rejected;
import dev.tamma.webhooks.VerifierContract;
import dev.tamma.webhooks.WebhookConfigurationException;
import dev.tamma.webhooks.WebhookVerifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureDevOpsVerifierTest extends VerifierContract {

    @Override
    protected WebhookVerifier verifier(List<String> secrets) {
        return new AzureDevOpsVerifier("tamma", secrets);
    }

    @Override
    protected Headers credentials(String secret, byte[] body) {
        return Headers.of("Authorization", AzureDevOpsVerifier.basic("tamma", secret));
    }

    @Override
    protected String credentialHeader() {
        return "Authorization";
    }

    @Override
    protected String configurationKey() {
        return "tamma.webhooks.azure.passwords";
    }

    @Override
    protected boolean signsTheBody() {
        return false;
    }

    /** RFC 7617's example: Aladdin / open sesame. */
    @Test
    void readsStandardBasicCredentials() {
        WebhookVerifier verifier = new AzureDevOpsVerifier("Aladdin", List.of("open sesame"));

        assertThat(verifier.verify(request(BODY, Headers.of("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="))).isVerified())
                .isTrue();
        assertThat(verifier.verify(request(BODY, Headers.of("Authorization", "basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="))).isVerified())
                .isTrue();
    }

    @Test
    void theUserNameMustMatchToo() {
        assertThat(verifier(List.of(SECRET)).verify(request(BODY,
                Headers.of("Authorization", AzureDevOpsVerifier.basic("someone", SECRET)))).isVerified()).isFalse();
    }

    @Test
    void refusesOtherSchemesAndBadBase64WithoutEchoingThem() {
        for (String value : List.of("Bearer abc.def.ghi", "Basic %%%not-base64%%%")) {
            var result = verifier(List.of(SECRET)).verify(request(BODY, Headers.of("Authorization", value)));
            assertThat(result).isInstanceOfSatisfying(Rejected.class,
                    r -> assertThat(r.message()).doesNotContain("abc.def").doesNotContain("not-base64"));
        }
    }

    @Test
    void aUserNameWithAColonCannotBeConfigured() {
        assertThatThrownBy(() -> new AzureDevOpsVerifier("a:b", List.of(SECRET)))
                .isInstanceOf(WebhookConfigurationException.class)
                .hasMessageContaining("tamma.webhooks.azure.username");
    }
}
