package dev.tamma.orchestrator.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Alerts are off by default, and a channel turned on but incomplete stops the start with the setting's name. */
class AlertConfigurationTest {

    private static final String SECRET_PATH = "/services/T0/B0/very-secret-path-31c7";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlertProperties.class)
    @Import(AlertConfiguration.class)
    static class Alerts {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(Alerts.class);

    @TempDir
    Path dir;

    @Test
    void withoutAChannelAlertsAreOff() {
        runner.run(context -> assertThat(context.getBean(AlertChannels.class).any()).isFalse());
    }

    @Test
    void aWebhookAndAMailServerMakeTwoChannels() throws Exception {
        Path file = Files.writeString(dir.resolve("hook"), "https://hooks.example.com" + SECRET_PATH + "\n");
        runner.withPropertyValues("tamma.alerts.slack.webhook-url-file=" + file, "tamma.alerts.email.enabled=true",
                        "tamma.alerts.email.from=tamma@example.com", "tamma.alerts.email.to=ops@example.com",
                        "spring.mail.host=smtp.example.com")
                .run(context -> assertThat(context.getBean(AlertChannels.class).names())
                        .containsExactly("slack", "email"));
    }

    @Test
    void emailWithoutAMailServerIsRefusedNamingSpringMailHost() {
        runner.withPropertyValues("tamma.alerts.email.enabled=true", "tamma.alerts.email.from=tamma@example.com",
                        "tamma.alerts.email.to=ops@example.com")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("tamma.alerts.email.enabled is true but no mail server is configured")
                        .hasMessageContaining("spring.mail.host"));
    }

    @Test
    void emailWithoutRecipientsIsRefused() {
        runner.withPropertyValues("tamma.alerts.email.enabled=true", "tamma.alerts.email.from=tamma@example.com",
                        "spring.mail.host=smtp.example.com")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("tamma.alerts.email.to names nobody"));
    }

    @Test
    void aWebhookThatIsNoHttpAddressIsRefusedWithoutRepeatingIt() {
        runner.withPropertyValues("tamma.alerts.slack.webhook-url=ftp://hooks.example.com" + SECRET_PATH)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("tamma.alerts.slack.webhook-url is not an http(s) address")
                        .message().doesNotContain("very-secret-path"));
    }

    @Test
    void bothTheWebhookAndItsFileAreRefused() {
        runner.withPropertyValues("tamma.alerts.slack.webhook-url=https://hooks.example.com" + SECRET_PATH,
                        "tamma.alerts.slack.webhook-url-file=" + dir.resolve("hook"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Set tamma.alerts.slack.webhook-url or tamma.alerts.slack.webhook-url-file, not both")
                        .message().doesNotContain("very-secret-path"));
    }

    @Test
    void aMissingWebhookFileIsRefusedNamingIt() {
        runner.withPropertyValues("tamma.alerts.slack.webhook-url-file=" + dir.resolve("missing"))
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining(
                        "Cannot read tamma.alerts.slack.webhook-url-file (" + dir.resolve("missing") + "): NoSuchFileException"));
    }
}
