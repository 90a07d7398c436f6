package dev.tamma.orchestrator.lease;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.orchestrator.ai.AiCallLog;
import dev.tamma.platforms.PlatformAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP face of the lease protocol, for workers. Every call needs a worker token. */
@RestController
@RequestMapping("/api/v1/leases")
class LeaseController {

    private static final Logger log = LoggerFactory.getLogger(LeaseController.class);

    /**
     * {@code worker}: the worker's own name (for logs and the lease owner); {@code waitSeconds}: up
     * to 30; {@code workflowId}: only a task of this workflow (for CI runner jobs).
     */
    record LeaseRequest(String worker, List<String> labels, Integer waitSeconds, String workflowId) {
    }

    /**
     * {@code aiSpend}: what the workflow, and this step over all attempts, has spent on AI calls so
     * far; {@code platform}: where the repository's platform is, so a worker can connect with the
     * credentials' token; absent when the repository has no platform entry.
     */
    record LeaseResponse(UUID leaseId, long taskId, String workflowId, String repository, String step, int attempt,
            JsonNode payload, Instant expiresAt, Map<String, String> credentials, AiCallLog.Spend aiSpend,
            LeasePlatform platform, @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {
        @Override
        public String toString() {
            return "LeaseResponse[leaseId=" + leaseId + ", workflowId=" + workflowId + ", step=" + step
                    + ", attempt=" + attempt + ", credentials=[redacted]]";
        }
    }

    /**
     * A repository's platform as a lease names it: nothing secret, and only what reaching the
     * repository takes (not who may command Tamma there). Plain Git's remote stays with the
     * orchestrator, which alone serves its issues and pull requests.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LeasePlatform(String type, String url, String repository, String user, String closedState) {
        static LeasePlatform of(PlatformAddress address) {
            if (address.isPlainGit()) {
                return new LeasePlatform(address.type(), null, address.repository(), null, null);
            }
            return new LeasePlatform(address.type(), address.url() == null ? null : address.url().toString(),
                    address.repository(), address.user(), address.closedState());
        }
    }

    /**
     * {@code output}: the step's {@link StepOutput}; fields it does not know about may be left out.
     * {@code next}: a lease request to serve once the answer is recorded, saving the worker a call.
     */
    record CompleteRequest(JsonNode output, LeaseRequest next) {
    }

    /** {@code next}: as for {@link CompleteRequest}. */
    record FailRequest(FailureCause cause, String message, String outputExcerpt, LeaseRequest next) {
    }

    /** An answer that asked for the next lease: how it was taken, and that lease (null when none came). */
    record AnsweredWithNext(String status, LeaseResponse next) {
    }

    private final LeaseService leases;
    private final AiCallLog aiCalls;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // an omitted count is 0
            .build();

    LeaseController(LeaseService leases, AiCallLog aiCalls) {
        this.leases = leases;
        this.aiCalls = aiCalls;
    }

    @PostMapping
    ResponseEntity<?> lease(@RequestAttribute(WorkerAuthentication.IDENTITY) WorkerIdentity worker,
            @RequestBody LeaseRequest request) throws InterruptedException {
        Optional<String> invalid = invalid(request, "");
        if (invalid.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, invalid.get());
        }
        return next(worker, request).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /**
     * What is wrong with a lease request, if anything (nothing with none); {@code prefix} names where
     * it sits ("next." in an answer).
     */
    private static Optional<String> invalid(LeaseRequest request, String prefix) {
        if (request == null) {
            return Optional.empty();
        }
        if (request.worker() == null || request.worker().isBlank()) {
            return Optional.of("'" + prefix + "worker' (the worker's name) is required");
        }
        if (request.waitSeconds() != null && request.waitSeconds() < 0) {
            return Optional.of("'" + prefix + "waitSeconds' must not be negative");
        }
        return Optional.empty();
    }

    private Optional<LeaseResponse> next(WorkerIdentity worker, LeaseRequest request) throws InterruptedException {
        int wait = request.waitSeconds() == null ? 30 : request.waitSeconds();
        List<String> labels = request.labels() == null ? List.of() : request.labels();
        return leases.lease(worker, request.worker(), labels, request.workflowId(), Duration.ofSeconds(wait))
                .map(this::response);
    }

    private LeaseResponse response(LeaseService.Lease l) {
        try {
            return new LeaseResponse(l.task().leaseId(), l.task().id(),
                    l.task().workflowId(), l.task().repository(), l.task().step().name(), l.task().attempt(),
                    json.readTree(l.task().payload()), l.expiresAt(), l.credentials(),
                    aiCalls.spent(l.task().workflowId(), l.task().step()),
                    l.platform().map(LeasePlatform::of).orElse(null), l.traceparent());
        } catch (RuntimeException e) {
            throw leases.giveBack(l.task(), e);
        }
    }

    @PostMapping("/{leaseId}/heartbeat")
    ResponseEntity<?> heartbeat(@RequestAttribute(WorkerAuthentication.IDENTITY) WorkerIdentity worker,
            @PathVariable UUID leaseId) {
        return leases.heartbeat(worker, leaseId)
                .<ResponseEntity<?>>map(beat -> ResponseEntity.ok(Map.of("expiresAt", beat.expiresAt().toInstant(),
                        "credentials", beat.credentials())))
                .orElseGet(() -> error(HttpStatus.CONFLICT,
                        "lease " + leaseId + " is not live: it expired, was answered, or is not yours"));
    }

    @PostMapping("/{leaseId}/release")
    ResponseEntity<?> release(@RequestAttribute(WorkerAuthentication.IDENTITY) WorkerIdentity worker,
            @PathVariable UUID leaseId) {
        return answered(leaseId, leases.release(worker, leaseId));
    }

    @PostMapping("/{leaseId}/complete")
    ResponseEntity<?> complete(@RequestAttribute(WorkerAuthentication.IDENTITY) WorkerIdentity worker,
            @PathVariable UUID leaseId, @RequestBody CompleteRequest request) {
        if (request.output() == null || !request.output().isObject()) {
            return error(HttpStatus.BAD_REQUEST, "'output' (the step's output, an object) is required");
        }
        StepOutput output;
        try {
            output = json.treeToValue(request.output(), StepOutput.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "'output' is not a step output: " + e.getMessage());
        }
        Optional<String> invalidNext = invalid(request.next(), "next.");
        if (invalidNext.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, invalidNext.get());
        }
        return answered(worker, leaseId, leases.complete(worker, leaseId, output), request.next());
    }

    @PostMapping("/{leaseId}/fail")
    ResponseEntity<?> fail(@RequestAttribute(WorkerAuthentication.IDENTITY) WorkerIdentity worker,
            @PathVariable UUID leaseId, @RequestBody FailRequest request) {
        if (request.cause() == null) {
            return error(HttpStatus.BAD_REQUEST, "'cause' is required: one of " + List.of(FailureCause.values()));
        }
        Optional<String> invalidNext = invalid(request.next(), "next.");
        if (invalidNext.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, invalidNext.get());
        }
        return answered(worker, leaseId, leases.fail(worker, leaseId, request.cause(), request.message(),
                request.outputExcerpt()), request.next());
    }

    /**
     * The answer's reply, with the next lease when one was asked for. The answer is committed by
     * now, so nothing that goes wrong with the next lease may turn its 200 into an error: the
     * worker would send the answer again, and then ask for a lease on its own.
     */
    private ResponseEntity<?> answered(WorkerIdentity worker, UUID leaseId, LeaseService.Answer answer,
            LeaseRequest next) {
        if (next == null || answer == LeaseService.Answer.CONFLICT || answer == LeaseService.Answer.UNKNOWN) {
            return answered(leaseId, answer);
        }
        String status = answer == LeaseService.Answer.ACCEPTED ? "recorded" : "already recorded";
        try {
            return ResponseEntity.ok(new AnsweredWithNext(status, next(worker, next).orElse(null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.ok(new AnsweredWithNext(status, null));
        } catch (RuntimeException e) {
            log.warn("Answer to lease {} recorded, but no next lease could be looked for: {}", leaseId, e.toString());
            return ResponseEntity.ok(new AnsweredWithNext(status, null));
        }
    }

    private static ResponseEntity<?> answered(UUID leaseId, LeaseService.Answer answer) {
        return switch (answer) {
            case ACCEPTED -> ResponseEntity.ok(Map.of("status", "recorded"));
            case ALREADY_RECORDED -> ResponseEntity.ok(Map.of("status", "already recorded"));
            case CONFLICT -> error(HttpStatus.CONFLICT, "lease " + leaseId
                    + " expired or was answered otherwise; the step has been or will be offered again");
            case UNKNOWN -> error(HttpStatus.NOT_FOUND, "no lease " + leaseId + " for this worker token");
        };
    }

    @ExceptionHandler(LeaseService.NotHandedOut.class)
    ResponseEntity<?> notHandedOut(LeaseService.NotHandedOut e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "the request body is not valid: " + e.getMostSpecificCause().getMessage());
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
