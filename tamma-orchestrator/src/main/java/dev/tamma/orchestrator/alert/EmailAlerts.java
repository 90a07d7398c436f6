package dev.tamma.orchestrator.alert;

import java.util.List;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Mails alerts in plain text through the SMTP server {@code spring.mail.*} configures. */
final class EmailAlerts implements AlertSender {

    private final JavaMailSender mail;
    private final String from;
    private final List<String> to;

    EmailAlerts(JavaMailSender mail, String from, List<String> to) {
        this.mail = mail;
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public void send(Alert alert) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject("[Tamma] " + alert.subject());
        message.setText(alert.body() + (alert.link() == null ? "" : "\n\nDashboard: " + alert.link()) + "\n");
        try {
            mail.send(message);
        } catch (MailException e) {
            throw new AlertDeliveryException("the mail server did not take the alert: " + e.getMessage(), e);
        }
    }
}
