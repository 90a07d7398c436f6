package dev.tamma.orchestrator.local;

import static org.awaitility.Awaitility.await;

import dev.tamma.core.platform.Issue;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.UserCommand;
import dev.tamma.core.workflow.WorkflowEvent;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.core.workflow.WorkflowState;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.testdb.TestDatabase;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import dev.tamma.orchestrator.workflow.WorkflowReadModel;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service on one machine as {@code tamma demo} runs it, on a database of its own: the sample
 * repository (with files replaced as a scenario needs), a script for the model, in-process workers.
 */
final class LocalLoop implements AutoCloseable {

    final Path dir;
    final Path bare;
    final ConfigurableApplicationContext app;

    LocalLoop(Path dir, Map<String, String> files, String script, String... settings) throws IOException {
        this(dir, SampleRepository.create(dir.resolve("greeter.git"), Files.createDirectories(dir.resolve("scratch")),
                files), script, settings);
    }

    /** The loop on {@code bare}, a repository made by the test. */
    LocalLoop(Path dir, Path bare, String script, String... settings) throws IOException {
        this(dir, bare, script, List.of(), settings);
    }

    /**
     * The loop on {@code bare} as a repository of another platform: {@code repository} (the settings of
     * {@code tamma.platforms.repositories[0]}) replaces the demo's plain-Git ones when not empty.
     */
    LocalLoop(Path dir, Path bare, String script, List<String> repository, String... settings) throws IOException {
        this.dir = dir;
        this.bare = bare;
        Path scriptFile = Files.writeString(dir.resolve("script.yml"), script);
        Path ai = Files.writeString(dir.resolve("ai.yml"), Demo.aiConfig(scriptFile));
        List<String> arguments = new ArrayList<>(Demo.arguments(dir, bare, ai));
        if (!repository.isEmpty()) {
            arguments.removeIf(a -> a.startsWith("--tamma.platforms.repositories[0]."));
            arguments.addAll(repository);
        }
        TestDatabase db = TestDatabase.get();
        arguments.add("--spring.datasource.url=" + db.createDatabase("loop_" + UUID.randomUUID().toString().replace("-", "")));
        arguments.add("--spring.datasource.username=" + db.username());
        arguments.add("--spring.datasource.password=" + db.password());
        for (String setting : settings) { // a repeated --key would reach Spring as "old,new"
            String key = setting.substring(0, setting.indexOf('=') + 1);
            arguments.removeIf(a -> a.startsWith(key));
            arguments.add(setting);
        }
        this.app = new SpringApplicationBuilder(TammaApplication.class).logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    PlainGitPlatform platform() {
        return (PlainGitPlatform) app.getBean(RepositoryPlatforms.class).forRepository(Demo.REPOSITORY).orElseThrow()
                .platform();
    }

    /** Opens the demo's issue as {@code author} and starts its workflow; returns the workflow's id. */
    String startDemoIssue(String author) {
        Issue issue = platform().openIssue("Greet people whose name we do not know",
                "`Greeter.greet(null)` prints \"Hello, null!\".\n\n## Acceptance criteria\n"
                        + "- [ ] `greet(null)` and `greet` of a blank name return \"Hello, stranger!\"\n"
                        + "- [ ] greetings of named people are unchanged", List.of("tamma"), author);
        WorkflowStarter.Outcome outcome = app.getBean(WorkflowStarter.class).start(Demo.REPOSITORY, issue.number(), Mode.DEV);
        return ((WorkflowStarter.Outcome.Started) outcome).workflowId();
    }

    WorkflowState state(String workflowId) {
        return app.getBean(WorkflowReadModel.class).load(workflowId).orElseThrow().state();
    }

    WorkflowState awaitState(String workflowId, Duration atMost, Predicate<WorkflowState> condition) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> condition.test(state(workflowId)));
        return state(workflowId);
    }

    List<WorkflowEvent> events(String workflowId) {
        WorkflowEventCodec codec = app.getBean(WorkflowEventCodec.class);
        return app.getBean(EventStore.class).readStream(workflowId).stream().map(codec::decode).toList();
    }

    /** What a comment with {@code command} leads to, once the inbox has decided whether {@code actor} may. */
    void command(String workflowId, String actor, boolean authorized, UserCommand command) {
        app.getBean(WorkflowEngine.class).decideAndRecord(workflowId,
                new WorkflowInput.HumanCommand(Instant.now(), actor, authorized, command));
    }

    @Override
    public void close() {
        app.close();
    }
}
