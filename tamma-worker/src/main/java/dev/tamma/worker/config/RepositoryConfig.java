package dev.tamma.worker.config;

import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.providers.routing.RepositoryProviders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A repository's own settings, read from {@code .tamma.yml} at its root. Every key has a default,
 * so a missing file is {@link #DEFAULTS}. The keys are described in {@code docs/configuration.md}.
 *
 * @param mode           whether checkpoints pass on their own ({@code dev}) or wait for a person ({@code business})
 * @param commands       how to set up, build, test and lint; an absent command is detected
 * @param network        whether step commands may reach the network
 * @param providers      which provider and model answer each step, and the budgets, over the server's model file
 * @param protectedPaths paths a change may only touch with a person's approval, whatever the mode
 * @param approvers      people who may command Tamma besides those with write access
 * @param trigger        what starts a workflow on an issue
 * @param autoNext       whether, after a merge, the next issue is picked on its own, and in which order
 * @param attempts       failures allowed per step before escalating
 * @param deadlines      how long steps and people may take
 * @param merge          how the pull request is merged
 * @param review         what makes a change risky
 * @param forks          whether pull requests from forks may start work
 * @param mergeApproval  who may approve the merge in business mode
 */
public record RepositoryConfig(
        Mode mode,
        Commands commands,
        boolean network,
        RepositoryProviders providers,
        List<PathGlob> protectedPaths,
        List<String> approvers,
        Trigger trigger,
        AutoNext autoNext,
        Attempts attempts,
        Deadlines deadlines,
        Merge merge,
        Review review,
        Forks forks,
        MergeApproval mergeApproval) {

    /** The file's name at the repository root. */
    public static final String FILE_NAME = ".tamma.yml";

    /** What a repository without {@code .tamma.yml} gets. */
    public static final RepositoryConfig DEFAULTS = defaults();

    /**
     * @param setup run once in a fresh workspace before building, e.g. {@code npm ci}
     * @param build the BUILD step's command
     * @param test  the TEST step's command
     * @param lint  run after the build
     */
    public record Commands(Optional<String> setup, Optional<String> build, Optional<String> test, Optional<String> lint) {
        public static final Commands DETECT = new Commands(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        public Commands {
            Objects.requireNonNull(setup, "setup");
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(lint, "lint");
        }

        /** The commands to run in a workspace: these where set, detected from its files where not. */
        public BuildDetection.Result resolve(Path workspace) {
            return BuildDetection.resolve(this, workspace);
        }
    }

    /** @param label the issue label that starts a workflow */
    public record Trigger(String label) {
        public static final String DEFAULT_LABEL = "tamma";

        public Trigger {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("trigger.label must not be empty");
            }
        }
    }

    /**
     * @param enabled        pick the next issue with the trigger label after a merge
     * @param priorityLabels labels in order of priority; issues with none come last; ties go to the oldest
     */
    public record AutoNext(boolean enabled, List<String> priorityLabels) {
        public AutoNext {
            priorityLabels = List.copyOf(priorityLabels);
        }
    }

    /**
     * @param defaultLimit failures allowed for a step not listed
     * @param perStep      failures allowed for the steps listed
     */
    public record Attempts(int defaultLimit, Map<Step, Integer> perStep) {
        public Attempts {
            perStep = Map.copyOf(perStep);
        }

        public int limit(Step step) {
            return perStep.getOrDefault(step, defaultLimit);
        }
    }

    /**
     * @param perStep        how long one attempt of a listed step may run; others keep Tamma's defaults
     * @param humanWait      how long a checkpoint or question waits for a person before escalating
     * @param reminderBefore how long before such a wait ends the reminder is posted
     * @param escalation     how long an escalated workflow waits for a person before it is cancelled
     */
    public record Deadlines(Map<Step, Duration> perStep, Duration humanWait, Duration reminderBefore,
            Duration escalation) {
        public Deadlines {
            perStep = Map.copyOf(perStep);
            Objects.requireNonNull(humanWait, "humanWait");
            Objects.requireNonNull(reminderBefore, "reminderBefore");
            Objects.requireNonNull(escalation, "escalation");
        }
    }

    /** @param deleteBranch delete the pull request's branch once merged */
    public record Merge(MergeMethod method, boolean deleteBranch) {
        public Merge {
            Objects.requireNonNull(method, "method");
        }
    }

    /** @param deletionThreshold a change deleting more lines than this waits for a person, whatever the mode */
    public record Review(int deletionThreshold) {
    }

    /** @param allowed whether a pull request from a fork may start work */
    public record Forks(boolean allowed) {
    }

    /** @param allowAuthor whether, in business mode, the author may approve the merge */
    public record MergeApproval(boolean allowAuthor) {
    }

    public RepositoryConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(providers, "providers");
        protectedPaths = List.copyOf(protectedPaths);
        approvers = List.copyOf(approvers);
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(autoNext, "autoNext");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(forks, "forks");
        Objects.requireNonNull(mergeApproval, "mergeApproval");
    }

    /**
     * Reads a {@code .tamma.yml}, without knowing which providers the server configures (the
     * orchestrator reads it for its triggers; the steps that use the routes check them).
     *
     * @param source the file's name as people know it, used in every error, e.g. {@code .tamma.yml}
     * @throws RepositoryConfigException with every problem found, each with its key, line and column
     */
    public static RepositoryConfig parse(String yaml, String source) {
        return new RepositoryConfigParser(yaml, source, null).parse();
    }

    /**
     * Reads a {@code .tamma.yml} whose {@code providers} section may only name {@code configuredProviders},
     * the ids of the server's model file: a repository cannot bring endpoints or keys of its own.
     *
     * @throws RepositoryConfigException with every problem found, each with its key, line and column
     */
    public static RepositoryConfig parse(String yaml, String source, Set<String> configuredProviders) {
        return new RepositoryConfigParser(yaml, source, Set.copyOf(configuredProviders)).parse();
    }

    /** Reads {@code .tamma.yml} at the root of a checked-out repository, or gives the defaults without one. */
    public static RepositoryConfig read(Path repositoryRoot) {
        Path file = repositoryRoot.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), FILE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The workflow settings this file asks for; what the file does not say keeps the core defaults. */
    public WorkflowConfig workflowConfig() {
        WorkflowConfig base = WorkflowConfig.defaults(mode);
        Map<Step, Integer> limits = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            if (step.runsOnWorker() && attempts.limit(step) != WorkflowConfig.DEFAULT_MAX_ATTEMPTS) {
                limits.put(step, attempts.limit(step));
            }
        }
        Map<Step, Duration> timeouts = new EnumMap<>(Step.class);
        timeouts.putAll(base.stepTimeouts());
        timeouts.putAll(deadlines.perStep());
        return new WorkflowConfig(mode, limits, timeouts, deadlines.humanWait(), deadlines.reminderBefore(),
                deadlines.escalation(), base.backoffBase(), base.backoffMax(), review.deletionThreshold());
    }

    /** The given changed paths that a protected-path pattern matches, in the order given. */
    public List<String> protectedPathsTouched(Collection<String> changedPaths) {
        return changedPaths.stream().filter(path -> protectedPaths.stream().anyMatch(glob -> glob.matches(path)))
                .toList();
    }

    /** Whether {@code login} is listed in {@code approvers}; platform logins are compared ignoring case. */
    public boolean isApprover(String login) {
        return login != null && approvers.stream().anyMatch(approver -> approver.equalsIgnoreCase(login));
    }

    private static RepositoryConfig defaults() {
        WorkflowConfig core = WorkflowConfig.defaults(Mode.DEV);
        return new RepositoryConfig(Mode.DEV, Commands.DETECT, false, RepositoryProviders.NONE, List.of(), List.of(),
                new Trigger(Trigger.DEFAULT_LABEL), new AutoNext(true, List.of()),
                new Attempts(WorkflowConfig.DEFAULT_MAX_ATTEMPTS, Map.of()),
                new Deadlines(Map.of(), core.humanWaitTimeout(), core.reminderBeforeTimeout(), core.escalationTimeout()),
                new Merge(MergeMethod.SQUASH, true), new Review(core.deletionThreshold()), new Forks(false),
                new MergeApproval(false));
    }
}
