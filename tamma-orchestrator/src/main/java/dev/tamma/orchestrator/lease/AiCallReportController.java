package dev.tamma.orchestrator.lease;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.TokenUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/**
 * {@code POST /api/v1/leases/{leaseId}/ai-calls}: a worker reports the AI calls it made for a
 * lease, authenticated like the rest of the lease API. Only what a call cost is accepted; any other
 * field (a prompt, say) is ignored and never stored.
 */
@RestController
@RequestMapping("/api/v1/leases")
class AiCallReportController {

    private static final int MAX_CALLS = 500;
    private static final int MAX_NAME = 200;

    /** One call as a worker sends it; see docs/operations.md. Token counts left out are 0. */
    record ReportedAiCall(UUID id, String provider, String model, Long inputTokens, Long outputTokens,
            Long cachedInputTokens, BigDecimal costUsd, Boolean priceKnown, Long latencyMs, String outcome,
            Instant occurredAt) {
    }

    record ReportRequest(List<ReportedAiCall> calls) {
    }

    /** A reported call that does not make sense; the message names it and its field. */
    private static final class BadCall extends RuntimeException {
        BadCall(String message) {
            super(message);
        }
    }

    private final AiCallReports reports;

    AiCallReportController(AiCallReports reports) {
        this.reports = reports;
    }

    @PostMapping("/{leaseId}/ai-calls")
    ResponseEntity<?> report(@RequestAttribute(WorkerAuthentication.IDENTITY) WorkerIdentity worker,
            @PathVariable UUID leaseId, @RequestBody ReportRequest request) {
        if (request.calls() == null || request.calls().isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "'calls' is required: a list of at least one AI call");
        }
        if (request.calls().size() > MAX_CALLS) {
            return error(HttpStatus.BAD_REQUEST, "at most " + MAX_CALLS + " calls per report, got "
                    + request.calls().size() + "; send them in several");
        }
        List<AiCallReports.ReportedCall> calls = new ArrayList<>();
        try {
            for (int i = 0; i < request.calls().size(); i++) {
                calls.add(checked("calls[" + i + "]", request.calls().get(i)));
            }
        } catch (BadCall e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return reports.report(worker, leaseId, calls)
                .<ResponseEntity<?>>map(receipt -> ResponseEntity.ok(Map.of("recorded", receipt.recorded(),
                        "alreadyRecorded", receipt.alreadyRecorded())))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no lease " + leaseId + " for this worker token"));
    }

    private static AiCallReports.ReportedCall checked(String at, ReportedAiCall call) {
        if (call == null) {
            throw new BadCall(at + " is empty");
        }
        require(call.id() != null, at + ".id is required: a UUID the worker gives the call, so a repeated report "
                + "is stored once");
        String provider = name(at + ".provider", call.provider());
        String model = name(at + ".model", call.model());
        require(call.costUsd() != null, at + ".costUsd is required (0 when the price is not known)");
        require(call.costUsd().signum() >= 0, at + ".costUsd must not be negative, got " + call.costUsd());
        require(call.priceKnown() != null, at + ".priceKnown is required");
        require(call.latencyMs() != null && call.latencyMs() >= 0, at + ".latencyMs is required and must not be "
                + "negative");
        require(call.occurredAt() != null, at + ".occurredAt is required (an ISO instant)");
        AiCallRecorded.Outcome outcome = outcome(at + ".outcome", call.outcome());
        TokenUsage usage;
        try {
            usage = new TokenUsage(orZero(call.inputTokens()), orZero(call.outputTokens()),
                    orZero(call.cachedInputTokens()));
        } catch (IllegalArgumentException e) {
            throw new BadCall(at + ": " + e.getMessage());
        }
        return new AiCallReports.ReportedCall(call.id(), provider, model, usage, call.costUsd(), call.priceKnown(),
                Duration.ofMillis(call.latencyMs()), outcome, call.occurredAt());
    }

    private static String name(String field, String value) {
        require(value != null && !value.isBlank(), field + " is required");
        require(value.length() <= MAX_NAME, field + " is longer than " + MAX_NAME + " characters");
        require(value.chars().noneMatch(Character::isISOControl), field + " must not hold control characters");
        return value.strip();
    }

    private static AiCallRecorded.Outcome outcome(String field, String value) {
        require(value != null, field + " is required: one of " + Arrays.toString(AiCallRecorded.Outcome.values()));
        try {
            return AiCallRecorded.Outcome.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadCall(field + " '" + value + "' is not one of "
                    + Arrays.toString(AiCallRecorded.Outcome.values()));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadCall(message);
        }
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "the request body is not valid: " + e.getMostSpecificCause().getMessage());
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
