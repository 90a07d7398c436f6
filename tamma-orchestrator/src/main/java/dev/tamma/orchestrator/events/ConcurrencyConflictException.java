package dev.tamma.orchestrator.events;

/**
 * Another writer appended to the stream first. Nothing of this append was stored: read the stream
 * again, decide again, and retry.
 */
public class ConcurrencyConflictException extends RuntimeException {

    private final String streamId;
    private final int expectedVersion;

    public ConcurrencyConflictException(String streamId, int expectedVersion, Throwable cause) {
        super("Stream " + streamId + " is no longer at version " + expectedVersion
                + "; another writer appended first. Read it again and retry.", cause);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public String streamId() {
        return streamId;
    }

    public int expectedVersion() {
        return expectedVersion;
    }
}
