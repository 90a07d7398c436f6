package dev.tamma.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tamma maintains itself: the repository's own {@code .tamma.yml} must stay valid and say what it means to. */
class OwnRepositoryConfigTest {

    private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theRepositorysOwnFileIsValid() {
        assertThat(REPOSITORY_ROOT.resolve(".tamma.yml")).isRegularFile();

        RepositoryConfig config = RepositoryConfig.read(REPOSITORY_ROOT);

        assertThat(config.mode()).isEqualTo(Mode.BUSINESS);
        assertThat(config.trigger().label()).isEqualTo("tamma");
        assertThat(config.commands().build()).hasValueSatisfying(build -> assertThat(build).startsWith("./mvnw "));
        assertThat(config.commands().test()).hasValueSatisfying(test -> assertThat(test).startsWith("./mvnw "));
        assertThat(config.workflowConfig().mode()).isEqualTo(Mode.BUSINESS);
    }

    @Test
    void migrationsBuildFilesAndTheFileItselfNeedAPerson() throws Exception {
        RepositoryConfig config = RepositoryConfig.read(REPOSITORY_ROOT);
        String migration;
        try (var files = Files.list(REPOSITORY_ROOT.resolve("tamma-orchestrator/src/main/resources/db/migration"))) {
            migration = REPOSITORY_ROOT.relativize(files.findFirst().orElseThrow()).toString();
        }

        assertThat(config.protectedPathsTouched(List.of(migration, "pom.xml", "tamma-core/pom.xml", ".ci/run",
                ".tamma.yml", "docs/configuration.md", "tamma-core/src/main/java/dev/tamma/core/workflow/Step.java")))
                .containsExactly(migration, "pom.xml", "tamma-core/pom.xml", ".ci/run", ".tamma.yml");
    }
}
