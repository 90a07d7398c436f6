package dev.tamma.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.tamma.worker.WorkerCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * There is no Docker engine in CI, so the container files are kept honest here: every environment
 * variable they set must be one the application reads.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void composeSetsOnlyVariablesTheApplicationReads() throws IOException {
        Set<String> known = knownEnvironmentNames();
        Map<String, Object> orchestrator = service("orchestrator");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) orchestrator.get("environment");

        assertThat(environment).isNotEmpty();
        assertThat(environment.keySet()).allSatisfy(name -> assertThat(known)
                .as("%s in docker-compose.yml is no property or placeholder of the application", name)
                .contains(name));
    }

    @Test
    void theCheckRejectsAMisspelledVariable() throws IOException {
        Set<String> known = knownEnvironmentNames();
        assertThat(known).contains("TAMMA_DATABASE_URL", "TAMMA_HOME", "SERVER_PORT", "SPRING_DATASOURCE_URL");
        assertThat(known).doesNotContain("TAMMA_DATABSE_URL", "TAMMA_HOMEDIR");
    }

    @Test
    void composeRunsPostgres17AndWiresTheOrchestratorToIt() throws IOException {
        assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) service("orchestrator").get("environment");
        assertThat((String) env.get("TAMMA_DATABASE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(service("worker")).containsKey("command");
    }

    @Test
    void composeRunsTheWorkerWithOptionsTheWorkerCommandAccepts() throws IOException {
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) service("worker").get("command");
        assertThat(command).first().isEqualTo("worker");

        CommandLine.ParseResult parsed = new CommandLine(new WorkerCommand())
                .parseArgs(command.subList(1, command.size()).toArray(String[]::new));
        assertThat(parsed.matchedOptions()).extracting(o -> o.longestName())
                .contains("--orchestrator", "--token-file", "--ai-config");
        assertThat(parsed.matchedOptionValue("--orchestrator", (Object) null)).hasToString("http://orchestrator:8080");
    }

    @Test
    void imageRunsAsNonRootOnJava21WithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> froms = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results()
                .map(m -> m.group(1)).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2).last().asString().contains(":21-jre");
        assertThat(dockerfile).containsPattern("(?m)^USER (?!root)\\S+")
                .containsPattern("(?m)^HEALTHCHECK .*(\\n.*)?/actuator/health")
                .containsPattern("(?m)^EXPOSE 8080");
    }

    private static Map<String, Object> service(String name) throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
            assertThat(services).containsKey(name);
            return services.get(name);
        }
    }

    /**
     * Placeholders in application.yml, every documented property in its environment-variable form,
     * and what the launcher script reads.
     */
    static Set<String> knownEnvironmentNames() throws IOException {
        Set<String> names = new HashSet<>();
        String yaml = Files.readString(ROOT.resolve("tamma-orchestrator/src/main/resources/application.yml"));
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(yaml);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        Matcher launcherVariable = Pattern.compile("\\$\\{(TAMMA_[A-Z0-9_]*)").matcher(Files.readString(ROOT.resolve("tamma")));
        while (launcherVariable.find()) {
            names.add(launcherVariable.group(1));
        }
        JsonMapper json = JsonMapper.builder().build();
        for (URL metadata : Collections.list(DeploymentFilesTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    names.add(property.path("name").asString().toUpperCase().replace('.', '_').replace("-", ""));
                }
            }
        }
        return names;
    }
}
