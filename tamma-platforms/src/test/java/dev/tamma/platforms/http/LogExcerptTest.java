package dev.tamma.platforms.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogExcerptTest {

    @Test
    void aStreamLongerThanItsWindowKeepsItsLastBytesInOrder() throws Exception {
        // 300 000 bytes of "ü" lines: several times the window, with two-byte characters across its edges
        String log = IntStream.rangeClosed(1, 30_000).mapToObj(i -> String.format("ü %06d", i)).collect(Collectors.joining("\n"));

        String tail = LogExcerpt.tail(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), 1000);

        assertThat(log).endsWith(tail.substring(1)); // the first character may be half of one
        assertThat(tail).endsWith("ü 029999\nü 030000").hasSizeGreaterThan(1000);
        assertThat(LogExcerpt.of(tail, 1000, List.of())).hasSize(1000).endsWith("ü 030000");
    }

    @Test
    void aShortStreamIsKeptWhole() throws Exception {
        assertThat(LogExcerpt.tail(new ByteArrayInputStream("ok\n".getBytes(StandardCharsets.UTF_8)), 1000)).isEqualTo("ok\n");
    }

    @Test
    void anExcerptOfNothingIsRefused() {
        assertThatThrownBy(() -> LogExcerpt.of("log", 0, List.of())).hasMessageContaining("positive length, got 0");
    }
}
