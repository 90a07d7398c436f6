package dev.tamma.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    private static final String TOKEN = "9f86d081884c7d659a2feaa0c55ad015";

    @TempDir
    Path dir;

    @Test
    void matchesOnlyTheConfiguredToken() {
        AdminToken token = new AdminToken(new ApiProperties(TOKEN, null, "ops"));

        assertThat(token.configured()).isTrue();
        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + "0")).isFalse();
        assertThat(token.matches(TOKEN.substring(1))).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.user()).contains("ops");
    }

    @Test
    void withoutATokenNothingMatches() {
        AdminToken token = new AdminToken(new ApiProperties(null, null, null));

        assertThat(token.configured()).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(TOKEN)).isFalse();
        assertThat(token.user()).isEmpty();
    }

    @Test
    void readsTheTokenFromAFileWithoutItsNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("admin-token"), TOKEN + "\n");

        assertThat(new AdminToken(new ApiProperties(null, file, null)).matches(TOKEN)).isTrue();
    }

    @Test
    void refusesBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> new AdminToken(new ApiProperties("short", null, null)))
                .hasMessageContaining("tamma.api.admin-token must be at least 24 characters")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> new AdminToken(new ApiProperties(TOKEN, dir.resolve("f"), null)))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new AdminToken(new ApiProperties(null, dir.resolve("missing"), null)))
                .hasMessageContaining("tamma.api.admin-token-file").hasMessageContaining("missing");
    }

    @Test
    void neverPrintsTheToken() {
        assertThat(new ApiProperties(TOKEN, null, "ops").toString()).doesNotContain(TOKEN).contains("[redacted]");
    }
}
