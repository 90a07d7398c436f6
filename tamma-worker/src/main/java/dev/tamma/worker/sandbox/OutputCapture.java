package dev.tamma.worker.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a command printed, kept within a fixed size: the first {@code headBytes} and the last
 * {@code tailBytes}, with a marker saying how much was dropped in between. The head shows how the
 * command started; the tail holds the failure, which is what the next attempt and people need.
 */
final class OutputCapture {

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long total;

    OutputCapture(int headBytes, int tailBytes) {
        this.head = new byte[headBytes];
        this.tail = new byte[tailBytes];
    }

    /** Reads {@code in} to its end; returns early, with what came so far, when the stream is closed. */
    void readFully(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                append(buffer, n);
            }
        } catch (IOException closed) {
            // the stream was closed under us because the command left a process holding it open
        }
    }

    synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (headLength < head.length) {
                head[headLength++] = bytes[i];
            } else if (tail.length > 0) {
                tail[(int) ((total - head.length) % tail.length)] = bytes[i];
            }
            total++;
        }
    }

    synchronized long totalBytes() {
        return total;
    }

    /** The kept output as text; a character cut at an edge is left out rather than garbled. */
    synchronized String text() {
        long afterHead = total - headLength;
        int kept = (int) Math.min(afterHead, tail.length);
        byte[] end = new byte[kept];
        int start = (int) ((afterHead - kept) % Math.max(tail.length, 1));
        for (int i = 0; i < kept; i++) {
            end[i] = tail[(start + i) % tail.length];
        }
        long dropped = afterHead - kept;
        if (dropped == 0) {
            byte[] all = new byte[headLength + kept];
            System.arraycopy(head, 0, all, 0, headLength);
            System.arraycopy(end, 0, all, headLength, kept);
            return new String(all, StandardCharsets.UTF_8);
        }
        int headEnd = completeUpTo(head, headLength);
        int tailStart = firstCharacterStart(end);
        return new String(head, 0, headEnd, StandardCharsets.UTF_8)
                + "\n[... " + (dropped + headLength - headEnd + tailStart) + " bytes of output dropped ...]\n"
                + new String(end, tailStart, end.length - tailStart, StandardCharsets.UTF_8);
    }

    /** The length of {@code bytes[0, length)} without a trailing incomplete UTF-8 sequence. */
    private static int completeUpTo(byte[] bytes, int length) {
        int i = length;
        int back = 0;
        while (i > 0 && back < 4 && (bytes[i - 1] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i == 0 || (bytes[i - 1] & 0x80) == 0) {
            return length; // plain ASCII at the end, or nothing to repair
        }
        int lead = bytes[i - 1] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - (i - 1) >= needed ? length : i - 1;
    }

    /** The index of the first byte that starts a character (skips continuation bytes). */
    private static int firstCharacterStart(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && i < 3 && (bytes[i] & 0xC0) == 0x80) {
            i++;
        }
        return i;
    }
}
