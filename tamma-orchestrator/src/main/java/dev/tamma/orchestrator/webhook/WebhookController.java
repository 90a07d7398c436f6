package dev.tamma.orchestrator.webhook;

import dev.tamma.core.webhook.Normalisation;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.orchestrator.metrics.MetricNames;
import dev.tamma.orchestrator.tracing.WorkSpans;
import dev.tamma.webhooks.Headers;
import dev.tamma.webhooks.WebhookIntake;
import dev.tamma.webhooks.WebhookRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/{platform}}: verify on the raw bytes, then store in the inbox before
 * answering 2xx. A refused delivery stores nothing; a duplicate is answered 200 and stored once.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookEndpoints endpoints;
    private final InboxWriter inbox;
    private final List<PathMatcher> watchedRepositories;
    private final RepositorySettings settings;
    private final MeterRegistry metrics;
    private final WorkSpans spans;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookController(WebhookEndpoints endpoints, InboxWriter inbox, WebhookProperties properties,
            RepositorySettings settings, MeterRegistry metrics, WorkSpans spans) {
        this.endpoints = endpoints;
        this.inbox = inbox;
        // compiled once: every delivery is checked against them
        this.watchedRepositories = properties.repositories().stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        this.settings = settings;
        this.metrics = metrics;
        this.spans = spans;
    }

    @PostMapping("/webhooks/{platform}")
    ResponseEntity<byte[]> receive(@PathVariable String platform, HttpServletRequest request) throws IOException {
        Span span = spans.child("tamma.webhook.intake").tag("tamma.platform", platform).start();
        return spans.call(span, () -> {
            ResponseEntity<Map<String, String>> response = intake(platform, request);
            Map<String, String> body = response.getBody();
            span.tag("tamma.outcome", body != null && body.containsKey("status") ? body.get("status") : "refused");
            if (body != null && body.containsKey("delivery")) {
                span.tag("tamma.webhook.delivery", body.get("delivery"));
            }
            // as bytes, so the answer goes out with its length in one write rather than chunked
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
        });
    }

    private ResponseEntity<Map<String, String>> intake(String platform, HttpServletRequest request) throws IOException {
        WebhookIntake intake = endpoints.forPath(platform).orElse(null);
        if (intake == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no webhook endpoint for '"
                    + platform + "'; use github, gitlab, gitea, forgejo, bitbucket or azure"));
        }
        String id = intake.platform().id();
        if (intake.exceedsLimit(request.getContentLengthLong())) {
            return refused(id, HttpStatus.PAYLOAD_TOO_LARGE.value(), "body exceeds " + intake.maxBodyBytes() + " bytes");
        }
        byte[] body = readAtMost(request.getInputStream(), intake.maxBodyBytes() + 1);
        WebhookRequest delivery = new WebhookRequest(body, headers(request));
        return switch (intake.receive(delivery)) {
            case WebhookIntake.Refused refused -> refused(id, refused.httpStatus(), refused.message());
            case WebhookIntake.Accepted accepted -> accepted(intake, accepted, request.getContentType(), body);
        };
    }

    private ResponseEntity<Map<String, String>> accepted(WebhookIntake intake, WebhookIntake.Accepted accepted,
            String contentType, byte[] body) {
        String id = intake.platform().id();
        if (!(accepted.normalisation() instanceof Normalisation.Normalised normalised)) {
            Normalisation.Ignored ignored = (Normalisation.Ignored) accepted.normalisation();
            count(id, "ignored");
            return ResponseEntity.accepted().body(Map.of("status", "ignored", "reason", ignored.reason()));
        }
        String repository = normalised.events().getFirst().repository();
        if (!watched(repository)) {
            log.info("Dropped {} delivery {} from {}: not in tamma.webhooks.repositories", id,
                    accepted.deliveryId(), repository);
            count(id, "not_watched");
            return ResponseEntity.accepted().body(Map.of("status", "ignored", "reason",
                    "repository " + repository + " is not watched"));
        }
        // A fork's pull request carries code nobody with access has vetted: it never starts work unless allowed.
        // The repository's settings are only read for such a delivery: most have no fork in them.
        boolean fromFork = normalised.events().stream().anyMatch(WebhookEvent::fromFork);
        List<WebhookEvent> events = !fromFork || settings.of(repository).forksAllowed() ? normalised.events()
                : normalised.events().stream().filter(e -> !e.fromFork()).toList();
        if (events.isEmpty()) {
            log.info("Dropped {} delivery {} from {}: a pull request from a fork (forks.allowed in .tamma.yml, "
                    + "else tamma.webhooks.fork-pull-requests)",
                    id, accepted.deliveryId(), repository);
            count(id, "fork");
            return ResponseEntity.accepted().body(Map.of("status", "ignored", "reason", "pull request from a fork"));
        }
        boolean stored;
        try {
            stored = inbox.store(new WebhookInbox.NewDelivery(intake.platform(), accepted.deliveryId(),
                    accepted.bodySha256(), repository, events, contentType, body, spans.current().orElse(null)));
        } catch (InboxWriter.Unavailable e) {
            log.warn("Could not store {} delivery {}: {}", id, accepted.deliveryId(), e.getMessage(), e.getCause());
            count(id, "unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                    .body(Map.of("error", "not stored: " + e.getMessage() + "; send it again later"));
        }
        count(id, stored ? "stored" : "duplicate");
        return ResponseEntity.ok(Map.of("status", stored ? "stored" : "duplicate", "delivery", accepted.deliveryId()));
    }

    private boolean watched(String repository) {
        if (watchedRepositories.isEmpty()) {
            return true;
        }
        Path asPath = Path.of(repository);
        return watchedRepositories.stream().anyMatch(glob -> glob.matches(asPath));
    }

    private ResponseEntity<Map<String, String>> refused(String platform, int status, String message) {
        count(platform, "refused");
        return ResponseEntity.status(status).body(Map.of("error", message));
    }

    private void count(String platform, String outcome) {
        metrics.counter(MetricNames.WEBHOOK_DELIVERIES, "platform", platform, "outcome", outcome).increment();
    }

    private static Headers headers(HttpServletRequest request) {
        Map<String, List<String>> all = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            all.put(name, Collections.list(request.getHeaders(name)));
        }
        return Headers.ofMultiple(all);
    }

    /** Reads up to {@code limit} bytes: enough for the intake to tell an oversized body, no more. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }
}
