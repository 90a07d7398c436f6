package dev.tamma.orchestrator.alert;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The alert channels {@code tamma.alerts} asks for, checked at startup: a channel that is turned
 * on but cannot work stops the service with a message naming the setting, rather than failing
 * silently at the first escalation.
 */
@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);

    @Bean
    AlertChannels alertChannels(AlertProperties properties, ObjectProvider<JavaMailSender> mail) {
        List<AlertSender> senders = new ArrayList<>();
        if (properties.slack().configured()) {
            senders.add(new SlackWebhook(webhook(properties.slack())));
        }
        AlertProperties.Email email = properties.email();
        if (email.enabled()) {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("tamma.alerts.email.enabled is true but no mail server is configured: "
                        + "set spring.mail.host (and spring.mail.port, spring.mail.username and spring.mail.password "
                        + "as the server needs)");
            }
            senders.add(new EmailAlerts(sender, email.from(), email.to()));
        }
        AlertChannels channels = new AlertChannels(senders);
        if (channels.any()) {
            log.info("Alerts on escalation, spent AI budget and a stuck queue go to {}", channels.names());
        }
        return channels;
    }

    /** The webhook's address; a message about a bad one never repeats it, since it holds the credential. */
    static URI webhook(AlertProperties.Slack slack) {
        String setting = slack.webhookUrl() != null ? "tamma.alerts.slack.webhook-url"
                : "tamma.alerts.slack.webhook-url-file (" + slack.webhookUrlFile() + ")";
        String address = slack.webhookUrl();
        if (address == null) {
            try {
                address = Files.readString(slack.webhookUrlFile(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + setting + ": " + e.getClass().getSimpleName(), e);
            }
        }
        try {
            URI uri = new URI(address);
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalStateException(setting + " is not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(setting + " is not an address (" + e.getReason() + ")");
        }
    }
}
