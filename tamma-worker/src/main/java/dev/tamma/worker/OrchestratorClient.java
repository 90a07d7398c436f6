package dev.tamma.worker;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.platforms.PlatformAddress;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The orchestrator's lease API, over HTTP with the worker's bearer token. */
public class OrchestratorClient {

    /** The orchestrator answered with a status the worker cannot act on. */
    public static class RefusedException extends RuntimeException {
        private final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The token is unknown, revoked or not allowed: nothing this worker sends will be taken. */
        public boolean tokenRefused() {
            return status == 401 || status == 403;
        }

        /** The orchestrator failed (5xx) or asked for less (429): the same request may be taken later. */
        public boolean mayPassLater() {
            return status / 100 == 5 || status == 429;
        }
    }

    /** How the orchestrator took an answer. */
    public enum Answer { RECORDED, ALREADY_RECORDED, EXPIRED, UNKNOWN }

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Tracer tracer;

    public OrchestratorClient(URI base, String token) {
        this(base, token, Tracer.NOOP);
    }

    /**
     * @param tracer whose current span each request names in its {@code traceparent} header, so the
     *               orchestrator's work on a step's answer continues the step's trace
     */
    public OrchestratorClient(URI base, String token, Tracer tracer) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("The worker token is empty; create one with ./tamma worker-token create");
        }
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.token = token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.tracer = tracer;
    }

    /**
     * What a worker asks a lease for: its name, its labels, how long to wait, and only a task of
     * {@code workflowId} when that is not null.
     */
    public record LeaseRequest(String worker, List<String> labels, String workflowId, Duration waitFor) {
        Map<String, Object> toJson() {
            Map<String, Object> body = new HashMap<>();
            body.put("worker", worker);
            body.put("labels", labels);
            body.put("waitSeconds", waitFor.toSeconds());
            if (workflowId != null) {
                body.put("workflowId", workflowId);
            }
            return body;
        }
    }

    /** How an answer was taken, and the next lease it brought when it asked for one (empty when none came). */
    public record Answered(Answer answer, Optional<StepTask> next) {
    }

    /** Waits up to {@code wait} for a task; empty when none came. */
    public Optional<StepTask> lease(String worker, List<String> labels, String workflowId, Duration wait)
            throws IOException, InterruptedException {
        LeaseRequest request = new LeaseRequest(worker, labels, workflowId, wait);
        HttpResponse<String> response = post("api/v1/leases", request.toJson(), wait.plusSeconds(30));
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(task(expectOk(response)));
    }

    private static StepTask task(JsonNode lease) {
        return new StepTask(
                UUID.fromString(lease.path("leaseId").asString()),
                lease.path("workflowId").asString(),
                lease.path("repository").asString(),
                Step.valueOf(lease.path("step").asString()),
                lease.path("attempt").asInt(),
                lease.path("payload").toString(),
                Instant.parse(lease.path("expiresAt").asString()),
                new StepCredentials(credentials(lease)),
                new StepTask.AiSpend(dollars(lease.path("aiSpend").path("workflowUsd")),
                        dollars(lease.path("aiSpend").path("stepUsd"))),
                platform(lease.path("platform")),
                text(lease.path(Traceparent.HEADER)));
    }

    /** An amount the orchestrator sent, 0 when it sent none (an older orchestrator). */
    private static BigDecimal dollars(JsonNode amount) {
        return amount.isNumber() ? amount.decimalValue() : BigDecimal.ZERO;
    }

    /** The platform a lease names; none when it names none (no platform entry, or an older orchestrator). */
    private static Optional<PlatformAddress> platform(JsonNode platform) {
        if (!platform.path("type").isString() || !platform.path("repository").isString()) {
            return Optional.empty();
        }
        String url = text(platform.path("url"));
        URI api;
        try {
            api = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the orchestrator writes URLs it parsed itself; a step without one fails clearly
        }
        return Optional.of(new PlatformAddress(platform.path("type").asString(), api,
                platform.path("repository").asString(), text(platform.path("user")), text(platform.path("closedState"))));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : null;
    }

    private static Map<String, String> credentials(JsonNode carrier) {
        Map<String, String> credentials = new HashMap<>();
        carrier.path("credentials").properties().forEach(e -> credentials.put(e.getKey(), e.getValue().asString()));
        return credentials;
    }

    /**
     * A lease extended: until when it holds now, and its credentials of the moment (empty when the
     * orchestrator sent none, which leaves the step's as they are).
     */
    public record Heartbeat(Instant expiresAt, Map<String, String> credentials) {
        public Heartbeat {
            credentials = Map.copyOf(credentials);
        }

        @Override
        public String toString() {
            return "Heartbeat[expiresAt=" + expiresAt + ", credentials=" + (credentials.isEmpty() ? "none" : "[redacted]")
                    + "]";
        }
    }

    /** Extends the lease; empty when it is no longer live (expired, answered, released). */
    public Optional<Heartbeat> heartbeat(UUID leaseId) throws IOException, InterruptedException {
        HttpResponse<String> response = post("api/v1/leases/" + leaseId + "/heartbeat", Map.of(), Duration.ofSeconds(30));
        if (response.statusCode() == 409 || response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = expectOk(response);
        return Optional.of(new Heartbeat(Instant.parse(body.path("expiresAt").asString()), credentials(body)));
    }

    public Answer complete(UUID leaseId, StepOutput output) throws IOException, InterruptedException {
        return complete(leaseId, output, null).answer();
    }

    /**
     * Completes the lease and, when {@code next} is not null, asks in the same call for the next
     * lease, which the orchestrator looks for only once the answer is recorded.
     */
    public Answered complete(UUID leaseId, StepOutput output, LeaseRequest next)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("output", output);
        return answered("api/v1/leases/" + leaseId + "/complete", body, next);
    }

    public Answer fail(UUID leaseId, StepResult.Failed failure) throws IOException, InterruptedException {
        return fail(leaseId, failure, null).answer();
    }

    /** Fails the lease, asking for the next one as {@link #complete(UUID, StepOutput, LeaseRequest)} does. */
    public Answered fail(UUID leaseId, StepResult.Failed failure, LeaseRequest next)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("cause", failure.cause().name());
        body.put("message", failure.message());
        body.put("outputExcerpt", failure.outputExcerpt());
        return answered("api/v1/leases/" + leaseId + "/fail", body, next);
    }

    private Answered answered(String path, Map<String, Object> body, LeaseRequest next)
            throws IOException, InterruptedException {
        Duration timeout = Duration.ofSeconds(30);
        if (next != null) {
            body.put("next", next.toJson());
            timeout = timeout.plus(next.waitFor());
        }
        HttpResponse<String> response = post(path, body, timeout);
        Answer answer = answer(response);
        if (next == null || response.statusCode() / 100 != 2) {
            return new Answered(answer, Optional.empty());
        }
        JsonNode lease = json.readTree(response.body()).path("next");
        return new Answered(answer, lease.isObject() ? Optional.of(task(lease)) : Optional.empty());
    }

    /** Gives the task back unanswered, to be offered again without counting an attempt. */
    public Answer release(UUID leaseId) throws IOException, InterruptedException {
        return answer(post("api/v1/leases/" + leaseId + "/release", Map.of(), Duration.ofSeconds(30)));
    }

    /** How the orchestrator took a report of AI calls. */
    public record AiCallReceipt(int recorded, int alreadyRecorded) {
    }

    /**
     * Reports AI calls made for a lease, each under the id the worker gave it, so a report sent
     * again after a lost answer is stored once. Only counts, cost and timing are sent.
     *
     * @throws RefusedException for an answer other than 2xx (404: the lease is not this worker's)
     */
    public AiCallReceipt reportAiCalls(UUID leaseId, List<ReportedAiCall> calls) throws IOException, InterruptedException {
        List<Map<String, Object>> body = calls.stream().map(ReportedAiCall::toJson).toList();
        JsonNode receipt = expectOk(post("api/v1/leases/" + leaseId + "/ai-calls", Map.of("calls", body),
                Duration.ofSeconds(30)));
        return new AiCallReceipt(receipt.path("recorded").asInt(), receipt.path("alreadyRecorded").asInt());
    }

    /** An AI call as the lease API takes it: the lease supplies workflow, repository, step and attempt. */
    public record ReportedAiCall(UUID id, AiCallRecorded call) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id.toString());
            json.put("provider", call.provider());
            json.put("model", call.model());
            json.put("inputTokens", call.usage().inputTokens());
            json.put("outputTokens", call.usage().outputTokens());
            json.put("cachedInputTokens", call.usage().cachedInputTokens());
            json.put("costUsd", call.costUsd());
            json.put("priceKnown", call.priceKnown());
            json.put("latencyMs", call.latency().toMillis());
            json.put("outcome", call.outcome().name());
            json.put("occurredAt", call.occurredAt().toString());
            return json;
        }
    }

    private Answer answer(HttpResponse<String> response) {
        return switch (response.statusCode()) {
            case 409 -> Answer.EXPIRED;
            case 404 -> Answer.UNKNOWN;
            default -> "already recorded".equals(expectOk(response).path("status").asString())
                    ? Answer.ALREADY_RECORDED : Answer.RECORDED;
        };
    }

    private JsonNode expectOk(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            throw new RefusedException(401, "The orchestrator refused the worker token (401): it is unknown or revoked");
        }
        if (response.statusCode() / 100 != 2) {
            throw new RefusedException(response.statusCode(), "The orchestrator answered " + response.statusCode()
                    + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, Object body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        Traceparent.of(tracer.currentSpan()).ifPresent(traceparent -> request.header(Traceparent.HEADER, traceparent));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
