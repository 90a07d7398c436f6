package dev.tamma.orchestrator.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts alerts to a Slack incoming webhook as {@code {"text": ...}} in Slack's mrkdwn, which
 * Mattermost, Rocket.Chat and other Slack-compatible receivers take too. The address carries the
 * credential in its path, so no message, log line or exception here contains it.
 */
final class SlackWebhook implements AlertSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI webhook;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    SlackWebhook(URI webhook) {
        this.webhook = webhook;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String channel() {
        return "slack";
    }

    @Override
    public void send(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(alert), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // the exception's message may name the address; only its kind is kept
            throw new AlertDeliveryException("the Slack webhook could not be reached (" + e.getClass().getSimpleName()
                    + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertDeliveryException("interrupted while posting to the Slack webhook");
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body().strip();
            throw new AlertDeliveryException("the Slack webhook answered " + response.statusCode()
                    + (answer.isEmpty() ? "" : ": " + abbreviate(answer)));
        }
    }

    /** The JSON posted: one mrkdwn message, the subject in bold, the link at the end. */
    String payload(Alert alert) {
        StringBuilder text = new StringBuilder("*").append(escape(alert.subject())).append("*\n")
                .append(escape(alert.body()));
        if (alert.link() != null) {
            text.append("\n<").append(alert.link()).append("|Open in the Tamma dashboard>");
        }
        return json.writeValueAsString(Map.of("text", text.toString()));
    }

    /** Slack reads {@code <...>} as links and mentions; text from a workflow must not become one. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
