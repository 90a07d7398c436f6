package dev.tamma.core.ai;

/** Where priced calls go: the orchestrator appends them to the event log. */
@FunctionalInterface
public interface AiCallRecorder {

    void record(AiCallRecorded call);

    AiCallRecorder NONE = call -> { };
}
