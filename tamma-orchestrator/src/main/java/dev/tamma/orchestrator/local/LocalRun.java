package dev.tamma.orchestrator.local;

import dev.tamma.core.platform.Issue;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowStatus;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.orchestrator.workflow.WorkflowEventCodec;
import dev.tamma.orchestrator.workflow.WorkflowStarter;
import dev.tamma.platforms.plaingit.PlainGitPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tamma run}: the loop for one issue of a real repository, on this machine, with the embedded
 * database and in-process workers. What is missing (a token, a model) is explained before anything
 * starts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the loop for one issue on this machine: engine, workers and database in one process.")
public final class LocalRun implements Callable<Integer> {

    /** The exit code when something the run needs is missing. */
    public static final int MISSING = 2;
    static final Map<String, String> TOKEN_VARIABLES = Map.of("github", "GITHUB_TOKEN", "gitlab", "GITLAB_TOKEN",
            "gitea", "GITEA_TOKEN", "forgejo", "FORGEJO_TOKEN", "bitbucket", "BITBUCKET_TOKEN",
            "azure", "AZURE_DEVOPS_TOKEN");

    @Option(names = "--repo", required = true, paramLabel = "REPO",
            description = "owner/name on a platform (with --platform), or a git path or URL for plain Git.")
    String repo;

    @Option(names = "--issue", paramLabel = "N", description = "The issue to work on.")
    Long issue;

    @Option(names = "--issue-file", paramLabel = "FILE",
            description = "Plain Git: open an issue from this file (first line the title, the rest the body).")
    Path issueFile;

    @Option(names = "--platform", paramLabel = "NAME",
            description = "github, gitlab, gitea, forgejo, bitbucket or azure; none for plain Git.")
    String platform;

    @Option(names = "--url", paramLabel = "URL", description = "The platform's API base URL when it is not the public service.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "The token's account, where the platform needs it (gitea, forgejo).")
    String user;

    @Option(names = "--ai-config", paramLabel = "FILE",
            description = "The models: 'endpoints:' and 'providers:' (docs/providers.md). Default: $TAMMA_AI_CONFIG.")
    Path aiConfig;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "business",
            description = "dev or business, where the repository's .tamma.yml does not say (default: ${DEFAULT-VALUE}).")
    String mode;

    private final Map<String, String> environment;
    private final PrintWriter out;

    public LocalRun(Map<String, String> environment, PrintWriter out) {
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=" + environment.getOrDefault("TAMMA_PORT", "0"),
                "--spring.main.banner-mode=off",
                "--logging.threshold.console=WARN",
                "--tamma.workers.in-process=2"));
        Path model = aiConfig != null ? aiConfig
                : environment.containsKey("TAMMA_AI_CONFIG") ? Path.of(environment.get("TAMMA_AI_CONFIG")) : null;
        if (model == null) {
            missing.add("a model: pass --ai-config FILE (or set TAMMA_AI_CONFIG) with the 'endpoints:' and 'providers:'"
                    + " sections described in docs/providers.md, and the provider's key in its variable"
                    + " (ANTHROPIC_API_KEY, OPENAI_API_KEY, ...)");
        } else if (!Files.isReadable(model)) {
            missing.add("a readable --ai-config: " + model + " cannot be read");
        } else {
            settings.add("--tamma.ai.config=" + model.toAbsolutePath());
        }
        String name;
        boolean plainGit = platform == null;
        String prefix = "--tamma.platforms.repositories[0].";
        if (plainGit) {
            name = "local/" + Path.of(repo.replaceFirst("/+$", "")).getFileName().toString().replaceFirst("\\.git$", "");
            settings.addAll(List.of(prefix + "name=" + name, prefix + "platform=plain-git", prefix + "url=" + repo,
                    prefix + "writers[0]=" + environment.getOrDefault("USER", "me")));
            if (issue == null && issueFile == null) {
                missing.add("an issue: plain Git has no tracker, so pass --issue-file FILE (first line the title) to"
                        + " open one in Tamma's records, or --issue N for one opened before");
            }
        } else {
            name = repo;
            String variable = TOKEN_VARIABLES.get(platform);
            if (variable == null) {
                missing.add("a known platform: --platform must be one of " + TOKEN_VARIABLES.keySet().stream().sorted().toList()
                        + ", or left out for plain Git; it was '" + platform + "'");
            } else if (isBlank(environment.get("TAMMA_PLATFORM_TOKEN")) && isBlank(environment.get(variable))) {
                missing.add("a token for " + platform + ": set " + variable + " (or TAMMA_PLATFORM_TOKEN) to a token that"
                        + " may read and write the repository's code, issues and pull requests");
            } else {
                String token = !isBlank(environment.get("TAMMA_PLATFORM_TOKEN")) ? environment.get("TAMMA_PLATFORM_TOKEN")
                        : environment.get(variable);
                settings.addAll(List.of(prefix + "name=" + repo, prefix + "platform=" + platform, prefix + "token=" + token));
                if (url != null) {
                    settings.add(prefix + "url=" + url);
                }
                if (user != null) {
                    settings.add(prefix + "user=" + user);
                }
            }
            if (issue == null) {
                missing.add("an issue: pass --issue N");
            }
        }
        Mode serverMode;
        try {
            serverMode = Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            missing.add("a mode: --mode is dev or business, it was '" + mode + "'");
            serverMode = Mode.BUSINESS;
        }
        if (!missing.isEmpty()) {
            out.println("tamma run needs:");
            missing.forEach(m -> out.println("  - " + m));
            out.println("To see the whole loop without any account or key, run ./tamma demo.");
            out.flush();
            return MISSING;
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TammaApplication.class)
                .logStartupInfo(false).run(settings.toArray(String[]::new))) {
            long number = issue != null ? issue : openIssue(app, name);
            WorkflowStarter.Outcome outcome = app.getBean(WorkflowStarter.class).start(name, number, serverMode);
            if (!(outcome instanceof WorkflowStarter.Outcome.Started started)) {
                out.println("Not started: " + outcome);
                return 1;
            }
            out.println("Working on " + name + "#" + number + " (workflow " + started.workflowId() + ")");
            LoopProgress progress = new LoopProgress(app.getBean(EventStore.class), app.getBean(WorkflowEventCodec.class),
                    out, Clock.systemUTC());
            WorkflowStatus status;
            while ((status = progress.follow(started.workflowId(), Duration.ofDays(7))) == WorkflowStatus.WAITING_FOR_HUMAN) {
                out.println("  Waiting for a person: answer with a /tamma comment on the issue or pull request"
                        + " (/tamma help lists them). Ctrl-C stops; the workflow goes on when Tamma runs again.");
                out.flush();
            }
            out.println(status == WorkflowStatus.DONE ? "Done: the change is merged and the issue closed." : "Ended: " + status);
            return status == WorkflowStatus.DONE ? 0 : 1;
        }
    }

    private long openIssue(ConfigurableApplicationContext app, String name) throws IOException {
        String[] text = Files.readString(issueFile).split("\n", 2);
        PlainGitPlatform plain = (PlainGitPlatform) app.getBean(RepositoryPlatforms.class).forRepository(name)
                .orElseThrow().platform();
        Issue opened = plain.openIssue(text[0].strip(), text.length > 1 ? text[1].strip() : "", List.of("tamma"),
                environment.getOrDefault("USER", "me"));
        out.println("Opened issue #" + opened.number() + ": " + opened.title());
        return opened.number();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
