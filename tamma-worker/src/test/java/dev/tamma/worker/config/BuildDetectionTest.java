package dev.tamma.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.worker.config.BuildDetection.Found;
import dev.tamma.worker.config.BuildDetection.NotFound;
import dev.tamma.worker.config.RepositoryConfig.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildDetectionTest {

    @TempDir
    Path workspace;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mvnw             | ./mvnw -B -q compile            | ./mvnw -B verify            | Maven wrapper",
            "pom.xml          | mvn -B -q compile               | mvn -B verify               | Maven",
            "gradlew          | ./gradlew --no-daemon assemble  | ./gradlew --no-daemon check | Gradle wrapper",
            "build.gradle     | gradle --no-daemon assemble     | gradle --no-daemon check    | Gradle",
            "build.gradle.kts | gradle --no-daemon assemble     | gradle --no-daemon check    | Gradle",
            "pyproject.toml   | python3 -m compileall -q .      | python3 -m pytest           | Python",
            "setup.py         | python3 -m compileall -q .      | python3 -m pytest           | Python",
            "pytest.ini       | python3 -m compileall -q .      | python3 -m pytest           | Python",
            "Cargo.toml       | cargo build                     | cargo test                  | Cargo",
            "go.mod           | go build ./...                  | go test ./...               | Go",
            "Makefile         | make                            | make test                   | make"})
    void eachEcosystemIsDetectedFromItsBuildFile(String file, String build, String test, String tool) throws IOException {
        Files.writeString(workspace.resolve(file), "");

        assertThat(BuildDetection.detect(workspace))
                .isEqualTo(new Found(Optional.empty(), build, test, Optional.empty(), "detected " + tool + " from " + file));
    }

    @Test
    void npmInstallsCleanlyFromItsLockFile() throws IOException {
        Files.writeString(workspace.resolve("package.json"), "{}");
        Files.writeString(workspace.resolve("package-lock.json"), "{}");

        assertThat(BuildDetection.detect(workspace)).isEqualTo(new Found(Optional.of("npm ci"),
                "npm run build --if-present", "npm test", Optional.empty(), "detected npm from package.json"));
    }

    @Test
    void npmWithoutALockFileInstalls() throws IOException {
        Files.writeString(workspace.resolve("package.json"), "{}");

        assertThat(BuildDetection.detect(workspace)).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.setup()).contains("npm install"));
    }

    @Test
    void theWrapperWinsOverItsToolAndAnyToolOverMake() throws IOException {
        Files.writeString(workspace.resolve("Makefile"), "");
        Files.writeString(workspace.resolve("pom.xml"), "");
        Files.writeString(workspace.resolve("mvnw"), "");

        assertThat(BuildDetection.detect(workspace)).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.why()).isEqualTo("detected Maven wrapper from mvnw"));
    }

    @Test
    void aDirectoryNamedLikeABuildFileDoesNotCount() throws IOException {
        Files.createDirectory(workspace.resolve("go.mod"));
        Files.writeString(workspace.resolve("Makefile"), "");

        assertThat(BuildDetection.detect(workspace)).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.build()).isEqualTo("make"));
    }

    @Test
    void filesBelowTheRootAreNotLookedAt() throws IOException {
        Files.createDirectories(workspace.resolve("sub"));
        Files.writeString(workspace.resolve("sub/pom.xml"), "");

        assertThat(BuildDetection.detect(workspace)).isInstanceOf(NotFound.class);
    }

    @Test
    void nothingFoundListsWhatWasLookedForAndWhatToSet() {
        assertThat(Commands.DETECT.resolve(workspace)).isEqualTo(new NotFound(
                "Cannot tell how to build and test this repository: .tamma.yml sets neither commands.build nor "
                        + "commands.test, and none of mvnw, pom.xml, gradlew, build.gradle.kts, build.gradle, "
                        + "package.json, pyproject.toml, setup.py, pytest.ini, Cargo.toml, go.mod, Makefile, "
                        + "GNUmakefile, makefile is at the repository root. Set commands.build and commands.test "
                        + "in .tamma.yml."));
    }

    @Test
    void aConfiguredBuildIsKeptAndTheTestDetected() throws IOException {
        Files.writeString(workspace.resolve("go.mod"), "module x");
        Commands commands = new Commands(Optional.empty(), Optional.of("go vet ./... && go build ./..."),
                Optional.empty(), Optional.of("golangci-lint run"));

        assertThat(commands.resolve(workspace)).isEqualTo(new Found(Optional.empty(), "go vet ./... && go build ./...",
                "go test ./...", Optional.of("golangci-lint run"), "build from .tamma.yml, test detected Go from go.mod"));
    }

    @Test
    void aConfiguredTestWithNothingToDetectTheBuildFromIsNotEnough() {
        Commands commands = new Commands(Optional.empty(), Optional.empty(), Optional.of("./run-tests.sh"),
                Optional.empty());

        assertThat(commands.resolve(workspace)).isInstanceOfSatisfying(NotFound.class, notFound -> assertThat(
                notFound.message()).contains(".tamma.yml sets commands.test but not commands.build, and none of"));
    }

    @Test
    void aConfiguredSetupReplacesTheDetectedOne() throws IOException {
        Files.writeString(workspace.resolve("package.json"), "{}");
        Commands commands = new Commands(Optional.of("npm ci --ignore-scripts"), Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThat(commands.resolve(workspace)).isInstanceOfSatisfying(Found.class,
                found -> assertThat(found.setup()).contains("npm ci --ignore-scripts"));
    }
}
