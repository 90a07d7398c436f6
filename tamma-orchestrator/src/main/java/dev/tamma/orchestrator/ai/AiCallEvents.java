package dev.tamma.orchestrator.ai;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.events.NewEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an {@link AiCallRecorded} is kept in the event log: type {@value #TYPE}, in a stream of its
 * own per workflow ({@link #streamOf}), with a flat payload that names every field, so SQL and
 * exports can read it without Tamma's classes. Nothing of the conversation is in it: no prompt, no
 * answer, no key; the core record carries none of them.
 *
 * <p>Why a stream of its own rather than the workflow's: an AI call is not a decision of the
 * workflow. Appended to the workflow's stream, every call would move the version the engine
 * expects, so a decision taken while a step's agent is calling its model would conflict and be
 * decided again, and every call would lock and rewrite the workflow's read-model row. In their own
 * stream the calls never touch the workflow's fold, replay or version; {@code tamma audit export
 * --workflow ID} exports both streams together.
 */
public final class AiCallEvents {

    public static final String TYPE = "ai.call.recorded";
    public static final int VERSION = 1;
    private static final String STREAM_SUFFIX = "/ai-calls";

    /**
     * The payload, version 1.
     *
     * @param costUsd in dollars, as priced when the call was made; 0 when the price was not known
     */
    record Payload(String workflowId, String repository, int issue, String step, int attempt, String provider,
            String model, long inputTokens, long outputTokens, long cachedInputTokens, BigDecimal costUsd,
            boolean priceKnown, long latencyMs, String outcome, Instant occurredAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN) // 0.0000015, never 1.5E-6
            .build();

    private AiCallEvents() {
    }

    /** The stream that holds the AI calls of {@code workflowId}. */
    public static String streamOf(String workflowId) {
        return workflowId + STREAM_SUFFIX;
    }

    /** The call as an event with the given id (a reported call's own id makes a repeated report harmless). */
    public static NewEvent encode(UUID eventId, AiCallRecorded call, String actor) {
        CallContext context = call.context();
        Payload payload = new Payload(context.workflowId(), context.repository(), context.issue(),
                context.step().name(), context.attempt(), call.provider(), call.model(), call.usage().inputTokens(),
                call.usage().outputTokens(), call.usage().cachedInputTokens(), call.costUsd(), call.priceKnown(),
                call.latency().toMillis(), call.outcome().name(), call.occurredAt());
        return new NewEvent(eventId, TYPE, VERSION, call.occurredAt(), actor, null, null,
                JSON.writeValueAsString(payload));
    }

    /** The call an event's payload describes. */
    public static AiCallRecorded decode(String payloadJson) {
        try {
            Payload p = JSON.readValue(payloadJson, Payload.class);
            return new AiCallRecorded(new CallContext(p.workflowId(), p.repository(), p.issue(), Step.valueOf(p.step()),
                    p.attempt()), p.provider(), p.model(),
                    new TokenUsage(p.inputTokens(), p.outputTokens(), p.cachedInputTokens()), p.costUsd(),
                    p.priceKnown(), Duration.ofMillis(p.latencyMs()), AiCallRecorded.Outcome.valueOf(p.outcome()),
                    p.occurredAt());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("An " + TYPE + " event does not decode: " + e.getMessage(), e);
        }
    }
}
