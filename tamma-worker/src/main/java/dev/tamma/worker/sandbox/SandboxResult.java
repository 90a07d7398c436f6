package dev.tamma.worker.sandbox;

import java.time.Duration;

/**
 * What a sandboxed command did.
 *
 * @param exitCode    the command's exit code; {@code -1} when it timed out and was killed
 * @param timedOut    whether the wall-clock timeout stopped it
 * @param output      stdout and stderr together, capped: the head and the tail, with a marker between
 * @param outputBytes how many bytes the command printed in all, kept or not
 * @param duration    wall-clock time from start until the command and everything it started were gone
 * @param isolation   the isolation actually used, to record in the step's event
 */
public record SandboxResult(int exitCode, boolean timedOut, String output, long outputBytes, Duration duration,
        Isolation isolation) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The last {@code maxChars} characters of the output, for an event or the next attempt's prompt. */
    public String outputTail(int maxChars) {
        if (output.length() <= maxChars) {
            return output;
        }
        int start = output.length() - maxChars;
        return output.substring(Character.isLowSurrogate(output.charAt(start)) ? start + 1 : start);
    }
}
