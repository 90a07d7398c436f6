package dev.tamma.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The ./tamma launcher hands every command of the jar's command line to the jar, and its help names them. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "tamma");

    @Test
    void everyCommandIsDispatchedToTheJarAndHelped() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        var dispatch = Pattern.compile("(?m)^  ([a-z|-]+)\\) run_orchestrator_jar \"\\$command\"").matcher(launcher);
        assertThat(dispatch.find()).as("the line that passes commands to the jar").isTrue();
        List<String> dispatched = Arrays.asList(dispatch.group(1).split("\\|"));
        String help = launcher.substring(launcher.indexOf("Commands:"), launcher.indexOf("Environment:"));

        assertThat(dispatched).containsAll(TammaCommandLine.COMMANDS);
        assertThat(TammaCommandLine.COMMANDS).allSatisfy(command ->
                assertThat(help).containsPattern("(?m)(^  |   )" + command + " "));
    }
}
