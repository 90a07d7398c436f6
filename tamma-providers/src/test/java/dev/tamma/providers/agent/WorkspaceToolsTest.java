package dev.tamma.providers.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceToolsTest {

    @TempDir
    Path workspace;

    private WorkspaceTools tools;

    @BeforeEach
    void setUp() throws Exception {
        tools = new WorkspaceTools(workspace, ProcessCommandRunner.fromSystemEnvironment(), Duration.ofSeconds(10));
        Files.createDirectories(workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/App.java"), """
                class App {
                    int a = 1;
                    int b = 1;
                }
                """);
        Files.createDirectories(workspace.resolve(".git"));
        Files.writeString(workspace.resolve(".git/config"), "[core]");
    }

    private String call(String name, String json) {
        return tools.run(new ToolCall("c1", name, json));
    }

    @Test
    void editReplacesExactlyOneOccurrence() throws Exception {
        assertThat(call("edit_file", "{\"path\":\"src/App.java\",\"search\":\"int a = 1;\",\"replace\":\"int a = 2;\"}"))
                .isEqualTo("edited src/App.java");
        assertThat(Files.readString(workspace.resolve("src/App.java"))).contains("int a = 2;").contains("int b = 1;");
        assertThat(tools.changedFiles()).containsExactly("src/App.java");
    }

    @Test
    void editFailsClearlyWhenTheSearchTextIsAbsent() throws Exception {
        String before = Files.readString(workspace.resolve("src/App.java"));
        assertThat(call("edit_file", "{\"path\":\"src/App.java\",\"search\":\"int c = 1;\",\"replace\":\"x\"}"))
                .isEqualTo("ERROR: edit_file: the search text was not found in src/App.java; read the file and copy "
                        + "the text exactly, whitespace included");
        assertThat(Files.readString(workspace.resolve("src/App.java"))).isEqualTo(before);
        assertThat(tools.changedFiles()).isEmpty();
    }

    @Test
    void editFailsClearlyWhenTheSearchTextIsAmbiguous() throws Exception {
        String before = Files.readString(workspace.resolve("src/App.java"));
        assertThat(call("edit_file", "{\"path\":\"src/App.java\",\"search\":\" = 1;\",\"replace\":\" = 3;\"}"))
                .isEqualTo("ERROR: edit_file: the search text occurs 2 times in src/App.java; include more "
                        + "surrounding lines so it occurs once");
        assertThat(Files.readString(workspace.resolve("src/App.java"))).isEqualTo(before);
    }

    @Test
    void editOfAMissingFileAndAnEmptySearchAreRefused() {
        assertThat(call("edit_file", "{\"path\":\"src/Nope.java\",\"search\":\"a\",\"replace\":\"b\"}"))
                .contains("src/Nope.java does not exist; use write_file");
        assertThat(call("edit_file", "{\"path\":\"src/App.java\",\"search\":\"\",\"replace\":\"b\"}"))
                .contains("the search text is empty");
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefused() {
        assertThat(call("read_file", "{\"path\":\"../../etc/passwd\"}"))
                .isEqualTo("ERROR: the path ../../etc/passwd is outside the workspace");
        assertThat(call("write_file", "{\"path\":\"/tmp/evil\",\"content\":\"x\"}")).contains("outside the workspace");
    }

    @Test
    void listAndSearchSkipGitAndReportLines() {
        assertThat(call("list_files", "{}")).isEqualTo("src/App.java");
        assertThat(call("search", "{\"pattern\":\"int b\"}")).isEqualTo("src/App.java:3:     int b = 1;");
        assertThat(call("search", "{\"pattern\":\"([\"}")).startsWith("ERROR: search: '([' is not a valid regular expression");
    }

    @Test
    void badArgumentsAndUnknownToolsAreReported() {
        assertThat(call("read_file", "{}")).isEqualTo("ERROR: the argument 'path' is required and must be a string");
        assertThat(call("read_file", "not json")).startsWith("ERROR: the arguments of read_file are not a JSON object");
        assertThat(call("delete_everything", "{}")).isEqualTo("ERROR: there is no tool named 'delete_everything'");
    }

    @Test
    void runCommandReportsTheExitCodeAndOutput() {
        assertThat(call("run_command", "{\"command\":\"echo out; exit 3\"}")).isEqualTo("exit code 3\nout\n");
    }
}
