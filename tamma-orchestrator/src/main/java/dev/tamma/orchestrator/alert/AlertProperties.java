package dev.tamma.orchestrator.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where alerts go and when a queue counts as stuck ({@code tamma.alerts.*}). Alerts are off until
 * a channel is configured: a Slack-compatible webhook, email, or both.
 *
 * @param dashboardUrl     the dashboard's address as people reach it ({@code https://tamma.example.com});
 *                         alerts about a workflow link to its page when set
 * @param slack            the incoming webhook
 * @param email            email through {@code spring.mail.*}
 * @param stuckQueue       when waiting tasks raise an alert
 * @param retry            how failed deliveries are tried again
 * @param dispatchInterval how often alerts waiting for delivery are looked for
 */
@ConfigurationProperties("tamma.alerts")
public record AlertProperties(String dashboardUrl, Slack slack, Email email, StuckQueue stuckQueue, Retry retry,
        Duration dispatchInterval) {

    private static final String PREFIX = "tamma.alerts.";

    public AlertProperties {
        dashboardUrl = dashboardUrl == null || dashboardUrl.isBlank() ? null : dashboardUrl.strip().replaceAll("/+$", "");
        if (dashboardUrl != null && !dashboardUrl.matches("(?i)https?://\\S+")) {
            throw new IllegalArgumentException(PREFIX + "dashboard-url must be an http(s) address, was " + dashboardUrl);
        }
        slack = Objects.requireNonNullElse(slack, new Slack(null, null));
        email = Objects.requireNonNullElse(email, new Email(false, null, null));
        stuckQueue = Objects.requireNonNullElse(stuckQueue, new StuckQueue(null, null));
        retry = Objects.requireNonNullElse(retry, new Retry(0, null, null, null));
        dispatchInterval = positive(dispatchInterval, Duration.ofSeconds(2), "dispatch-interval");
    }

    /**
     * A Slack incoming webhook, or any service that takes Slack's {@code {"text": ...}} (Mattermost,
     * Rocket.Chat, Discord's {@code /slack} endpoint). The address is a secret: it is never logged.
     *
     * @param webhookUrl     the address
     * @param webhookUrlFile a file holding it instead (a mounted secret); not both
     */
    public record Slack(String webhookUrl, Path webhookUrlFile) {

        public Slack {
            webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
            if (webhookUrl != null && webhookUrlFile != null) {
                throw new IllegalArgumentException("Set " + PREFIX + "slack.webhook-url or " + PREFIX
                        + "slack.webhook-url-file, not both");
            }
        }

        public boolean configured() {
            return webhookUrl != null || webhookUrlFile != null;
        }

        @Override
        public String toString() {
            return "Slack[webhookUrl=" + (webhookUrl == null ? "none" : "[redacted]") + ", webhookUrlFile="
                    + webhookUrlFile + "]";
        }
    }

    /**
     * Email through the server {@code spring.mail.host} names.
     *
     * @param enabled whether alerts are mailed
     * @param from    the sender
     * @param to      the recipients
     */
    public record Email(boolean enabled, String from, List<String> to) {

        public Email {
            from = from == null || from.isBlank() ? null : from.strip();
            to = Objects.requireNonNullElse(to, List.<String>of()).stream()
                    .filter(address -> address != null && !address.isBlank()).map(String::strip).toList();
            if (enabled && from == null) {
                throw new IllegalArgumentException(PREFIX + "email.enabled is true but " + PREFIX
                        + "email.from is not set: say who the alerts come from");
            }
            if (enabled && to.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + "email.enabled is true but " + PREFIX
                        + "email.to names nobody: give one or more addresses");
            }
        }
    }

    /**
     * @param after      a task waiting this long for a worker makes the queue stuck
     * @param checkEvery how often the queue is looked at
     */
    public record StuckQueue(Duration after, Duration checkEvery) {

        public StuckQueue {
            after = positive(after, Duration.ofMinutes(15), "stuck-queue.after");
            checkEvery = positive(checkEvery, Duration.ofMinutes(1), "stuck-queue.check-every");
        }
    }

    /**
     * A delivery is tried {@code attempts} times {@code interval} apart (doubling); if all fail it
     * is tried again later, from {@code interval} doubling up to {@code maxInterval} between
     * rounds, until {@code giveUpAfter} has passed since the alert was raised.
     */
    public record Retry(int attempts, Duration interval, Duration maxInterval, Duration giveUpAfter) {

        public Retry {
            if (attempts < 0) {
                throw new IllegalArgumentException(PREFIX + "retry.attempts must be 1 or more, was " + attempts);
            }
            attempts = attempts == 0 ? 3 : attempts;
            interval = positive(interval, Duration.ofSeconds(1), "retry.interval");
            maxInterval = positive(maxInterval, Duration.ofMinutes(10), "retry.max-interval");
            giveUpAfter = positive(giveUpAfter, Duration.ofHours(24), "retry.give-up-after");
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + name + " must be positive, was " + value);
        }
        return value;
    }
}
