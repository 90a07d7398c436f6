package dev.tamma.orchestrator.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receivers alerts are tested against: a Slack-compatible webhook (WireMock) and an SMTP server
 * (GreenMail), both on this machine. What they captured can be saved under {@code target/alerts}.
 */
final class AlertReceivers implements AutoCloseable {

    /** The webhook's path carries its credential, as Slack's do. */
    static final String HOOK_PATH = "/services/T0TAMMA/B0ALERTS/hook-secret-5e1f9a";
    static final Path CAPTURED = Path.of("target", "alerts");

    final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());
    /** A fixed port, so the server can be stopped and started again where the service expects it. */
    final GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final JsonMapper json = JsonMapper.builder().build();

    AlertReceivers() {
        slack.start();
        slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        smtp.start();
    }

    String webhookUrl() {
        return slack.baseUrl() + HOOK_PATH;
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** The texts of the webhook posts that contain {@code marker}, in the order they came. */
    List<String> slackTexts(String marker) {
        return slack.findAll(postRequestedFor(urlEqualTo(HOOK_PATH))).stream()
                .map(r -> r.getBodyAsString())
                .filter(body -> body.contains(marker))
                .map(body -> json.readTree(body).path("text").asString())
                .toList();
    }

    /** The raw JSON bodies of the webhook posts that contain {@code marker}. */
    List<String> slackBodies(String marker) {
        return slack.findAll(postRequestedFor(urlEqualTo(HOOK_PATH))).stream()
                .map(r -> r.getBodyAsString()).filter(body -> body.contains(marker)).toList();
    }

    /** The emails whose subject contains {@code marker}; GreenMail keeps a copy per recipient, counted once. */
    List<MimeMessage> mails(String marker) {
        Map<String, MimeMessage> byId = new LinkedHashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (subject(m).contains(marker)) {
                byId.putIfAbsent(messageId(m), m);
            }
        }
        return List.copyOf(byId.values());
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent()).replace("\r\n", "\n");
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps what a receiver got, for the issue to quote. */
    static void save(String name, String content) {
        try {
            Files.createDirectories(CAPTURED);
            Files.writeString(CAPTURED.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String asText(MimeMessage message) {
        try {
            return "From: " + Arrays.toString(message.getFrom()) + "\nTo: "
                    + Arrays.toString(message.getAllRecipients()) + "\nSubject: " + message.getSubject() + "\n\n"
                    + body(message);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        slack.stop();
        smtp.stop();
    }
}
