package dev.tamma.providers.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndHeadersTest {

    @Test
    void aKeyComesFromTheVariableOrFromTheFileItsFileVariableNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anthropic.key");
        Files.writeString(file, "sk-ant-from-file\n");

        assertThat(new ApiKeys(Map.of("ANTHROPIC_API_KEY", " sk-ant-direct ")).require("anthropic", "ANTHROPIC_API_KEY"))
                .isEqualTo("sk-ant-direct");
        assertThat(new ApiKeys(Map.of("ANTHROPIC_API_KEY_FILE", file.toString())).require("anthropic", "ANTHROPIC_API_KEY"))
                .isEqualTo("sk-ant-from-file");
    }

    @Test
    void anEmptyOrMissingKeyFileIsAnErrorNamingTheFileAndVariable(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.key");
        Files.writeString(empty, "\n");

        assertThatThrownBy(() -> new ApiKeys(Map.of("X_KEY_FILE", empty.toString())).require("p", "X_KEY"))
                .isInstanceOf(ApiKeys.MissingApiKeyException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("X_KEY_FILE").hasMessageContaining("empty");
        assertThatThrownBy(() -> new ApiKeys(Map.of("X_KEY_FILE", dir.resolve("nope").toString())).require("p", "X_KEY"))
                .hasMessageContaining("cannot read the key file").hasMessageContaining("X_KEY_FILE");
        assertThatThrownBy(() -> new ApiKeys(Map.of("X_KEY", "  ")).require("p", "X_KEY"))
                .hasMessage("provider 'p' needs an API key: set X_KEY or X_KEY_FILE");
    }

    @Test
    void theRedactorRemovesTheProvidersKeyAndKeyShapedText() {
        Redactor redactor = new Redactor(List.of("plain-secret-value"));
        assertThat(redactor.redact("bad key plain-secret-value; also sk-proj-abcdef123456 and AIzaSyA1234567890abcdef"
                + " and Authorization: Bearer eyJhbGciOiJIUzI1NiJ9"))
                .isEqualTo("bad key ***; also *** and *** and Authorization: ***");
        assertThat(redactor.redact(null)).isEmpty();
        assertThat(redactor.redact("x".repeat(3000))).hasSize(2003);
    }

    @Test
    void retryAfterReadsSecondsDatesAndMilliseconds() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("1.5", now)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-3", now)).isEmpty();
        assertThat(RetryAfter.from(Map.of("Retry-After", List.of("9"), "retry-after-ms", List.of("250")), now))
                .contains(Duration.ofMillis(250));
        assertThat(RetryAfter.from(Map.of("RETRY-AFTER", List.of("9")), now)).contains(Duration.ofSeconds(9));
        assertThat(RetryAfter.from(Map.of(), now)).isEmpty();
    }
}
