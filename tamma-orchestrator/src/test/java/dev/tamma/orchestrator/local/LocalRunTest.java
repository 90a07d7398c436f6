package dev.tamma.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tamma run} says what is missing before it starts anything, and never prints a token. */
class LocalRunTest {

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        return new CommandLine(new LocalRun(environment, new PrintWriter(printed, true))).execute(args);
    }

    @Test
    void aPlatformRunWithoutTokenNorModelNamesBothAndTheDemo() {
        int exit = run(Map.of(), "--platform", "github", "--repo", "acme/shop", "--issue", "7");

        assertThat(exit).isEqualTo(LocalRun.MISSING);
        assertThat(printed.toString())
                .contains("a model: pass --ai-config FILE (or set TAMMA_AI_CONFIG)")
                .contains("a token for github: set GITHUB_TOKEN (or TAMMA_PLATFORM_TOKEN)")
                .contains("./tamma demo");
    }

    @Test
    void aPlainGitRunNeedsAnIssueFileOrNumberAndAReadableModelFile() {
        int exit = run(Map.of(), "--repo", dir.toString(), "--ai-config", dir.resolve("absent.yml").toString());

        assertThat(exit).isEqualTo(LocalRun.MISSING);
        assertThat(printed.toString()).contains("--issue-file FILE").contains("absent.yml cannot be read");
    }

    @Test
    void anUnknownPlatformOrModeIsNamedAndATokenGivenIsNeverPrinted() throws Exception {
        Path ai = Files.writeString(dir.resolve("ai.yml"), "endpoints: []\n");
        int exit = run(Map.of("GITLAB_TOKEN", "glpat-s3cr3t"), "--platform", "gitlub", "--repo", "acme/shop",
                "--issue", "7", "--ai-config", ai.toString(), "--mode", "fast");

        assertThat(exit).isEqualTo(LocalRun.MISSING);
        assertThat(printed.toString()).contains("it was 'gitlub'").contains("it was 'fast'").doesNotContain("glpat-s3cr3t");
    }
}
