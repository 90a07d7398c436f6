package dev.tamma.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    private static OutputCapture capture(int head, int tail, String text) {
        OutputCapture capture = new OutputCapture(head, tail);
        capture.readFully(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return capture;
    }

    @Test
    void outputWithinTheCapIsKeptWhole() {
        OutputCapture capture = capture(4, 8, "exactly twelve".substring(0, 12));

        assertThat(capture.text()).isEqualTo("exactly twel");
        assertThat(capture.totalBytes()).isEqualTo(12);
    }

    @Test
    void theTailIsTheLastBytesInOrderAcrossManyWrapsOfTheBuffer() {
        StringBuilder text = new StringBuilder("HEAD");
        for (int i = 0; i < 1000; i++) {
            text.append(i % 10);
        }
        text.append("END");

        OutputCapture capture = capture(4, 10, text.toString());

        assertThat(capture.text()).isEqualTo("HEAD\n[... 993 bytes of output dropped ...]\n3456789END");
        assertThat(capture.totalBytes()).isEqualTo(1007);
    }

    @Test
    void aCharacterCutByTheCapIsLeftOutRatherThanGarbled() {
        // "€" is three bytes: the head ends and the tail starts inside one
        OutputCapture capture = capture(5, 5, "abcd€" + "x".repeat(50) + "€wxyz");

        assertThat(capture.text()).isEqualTo("abcd\n[... 56 bytes of output dropped ...]\nwxyz")
                .doesNotContain("\uFFFD");
    }

    @Test
    void withNoTailOnlyTheHeadIsKept() {
        assertThat(capture(3, 0, "abcdef").text()).isEqualTo("abc\n[... 3 bytes of output dropped ...]\n");
    }
}
