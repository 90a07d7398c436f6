package dev.tamma.worker.config;

import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.providers.routing.RepositoryProviders;
import dev.tamma.worker.config.ConfigDocument.Field;
import dev.tamma.worker.config.RepositoryConfig.Attempts;
import dev.tamma.worker.config.RepositoryConfig.AutoNext;
import dev.tamma.worker.config.RepositoryConfig.Commands;
import dev.tamma.worker.config.RepositoryConfig.Deadlines;
import dev.tamma.worker.config.RepositoryConfig.Forks;
import dev.tamma.worker.config.RepositoryConfig.Merge;
import dev.tamma.worker.config.RepositoryConfig.MergeApproval;
import dev.tamma.worker.config.RepositoryConfig.Review;
import dev.tamma.worker.config.RepositoryConfig.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads {@code .tamma.yml} key by key, collecting every problem before giving up. */
final class RepositoryConfigParser {

    private static final List<String> TOP_LEVEL = List.of("mode", "commands", "network", "providers", "protectedPaths",
            "approvers", "trigger", "autoNext", "attempts", "deadlines", "merge", "review", "forks", "mergeApproval");
    private static final List<String> WAITS = List.of("humanWait", "reminderBefore", "escalation");
    private static final Map<String, Mode> MODES = byName(Mode.values());
    private static final Map<String, MergeMethod> MERGE_METHODS = byName(MergeMethod.values());
    private static final Pattern LEADING_KEY = Pattern.compile("^providers(?:\\.[^\\s.\\[:]+|\\[\\d+])*");

    private final String yaml;
    private final String source;
    private final ConfigDocument document;
    private final RepositoryConfig defaults = RepositoryConfig.DEFAULTS;
    private final Set<String> configuredProviders;

    /** @param configuredProviders the providers the section may name, or {@code null} not to check them */
    RepositoryConfigParser(String yaml, String source, Set<String> configuredProviders) {
        this.yaml = yaml;
        this.source = source;
        this.document = new ConfigDocument(yaml, source);
        this.configuredProviders = configuredProviders;
    }

    RepositoryConfig parse() {
        if (!document.problems().isEmpty()) {
            throw new RepositoryConfigException(source, document.problems());
        }
        Field root = document.root();
        Map<String, Field> keys = document.map(root, TOP_LEVEL, "mode: dev");
        RepositoryConfig config = new RepositoryConfig(
                document.choice(get(root, keys, "mode"), MODES, defaults.mode()),
                commands(get(root, keys, "commands")),
                document.bool(get(root, keys, "network"), defaults.network()),
                providers(get(root, keys, "providers")),
                document.list(get(root, keys, "protectedPaths"), "['.ci/**', '**/db/migration/**']").stream()
                        .flatMap(item -> document.convert(item, PathGlob::of).stream()).toList(),
                document.list(get(root, keys, "approvers"), "[alice, bob]").stream()
                        .flatMap(item -> document.text(item).stream()).toList(),
                trigger(get(root, keys, "trigger")),
                autoNext(get(root, keys, "autoNext")),
                attempts(get(root, keys, "attempts")),
                deadlines(get(root, keys, "deadlines")),
                merge(get(root, keys, "merge")),
                review(get(root, keys, "review")),
                new Forks(flag(get(root, keys, "forks"), "allowed", defaults.forks().allowed())),
                new MergeApproval(flag(get(root, keys, "mergeApproval"), "allowAuthor",
                        defaults.mergeApproval().allowAuthor())));
        if (!document.problems().isEmpty()) {
            throw new RepositoryConfigException(source, document.problems());
        }
        return config;
    }

    private Commands commands(Field field) {
        Map<String, Field> keys = document.map(field, List.of("setup", "build", "test", "lint"),
                "{build: make, test: make test}");
        return new Commands(document.text(get(field, keys, "setup")), document.text(get(field, keys, "build")),
                document.text(get(field, keys, "test")), document.text(get(field, keys, "lint")));
    }

    /**
     * The providers section has its own parser; its first error is placed on the key it names. Each
     * provider it names must be one the server configures.
     */
    private RepositoryProviders providers(Field field) {
        if (field.isAbsent()) {
            return RepositoryProviders.NONE;
        }
        RepositoryProviders providers;
        try {
            providers = RepositoryProviders.parseYaml(yaml);
        } catch (IllegalArgumentException e) {
            Matcher key = LEADING_KEY.matcher(e.getMessage());
            String path = key.find() ? key.group() : "providers";
            document.problemAt(document.locate(path), path, e.getMessage());
            return RepositoryProviders.NONE;
        }
        if (configuredProviders != null) {
            providers.providerKeys().forEach((path, provider) -> {
                if (!configuredProviders.contains(provider)) {
                    document.problemAt(document.locate(path), path, path + " is '" + provider + "', which is not one of"
                            + " the server's providers; it has " + configuredProviders.stream().sorted().toList());
                }
            });
        }
        return providers;
    }

    /** A section holding one true/false key, like {@code forks: {allowed: false}}. */
    private boolean flag(Field field, String key, boolean fallback) {
        Map<String, Field> keys = document.map(field, List.of(key), "{" + key + ": " + fallback + "}");
        return document.bool(get(field, keys, key), fallback);
    }

    private Trigger trigger(Field field) {
        Map<String, Field> keys = document.map(field, List.of("label"), "{label: tamma}");
        return new Trigger(document.text(get(field, keys, "label")).orElse(defaults.trigger().label()));
    }

    private AutoNext autoNext(Field field) {
        Map<String, Field> keys = document.map(field, List.of("enabled", "priorityLabels"),
                "{enabled: true, priorityLabels: [priority:high, priority:low]}");
        List<String> labels = document.list(get(field, keys, "priorityLabels"), "[priority:high, priority:low]")
                .stream().flatMap(item -> document.text(item).stream()).toList();
        return new AutoNext(document.bool(get(field, keys, "enabled"), defaults.autoNext().enabled()), labels);
    }

    private Attempts attempts(Field field) {
        int defaultLimit = defaults.attempts().defaultLimit();
        Map<Step, Integer> perStep = new EnumMap<>(Step.class);
        for (Field entry : document.entries(field, "{default: 3, build: 5}").values()) {
            if (entry.name().equals("default")) {
                defaultLimit = document.integer(entry, defaultLimit, 1, WorkflowConfig.MAX_ATTEMPTS_CAP);
                continue;
            }
            step(entry, List.of("default"), "has no attempts").ifPresent(step ->
                    perStep.put(step, document.integer(entry, WorkflowConfig.DEFAULT_MAX_ATTEMPTS, 1,
                            WorkflowConfig.MAX_ATTEMPTS_CAP)));
        }
        return new Attempts(defaultLimit, perStep);
    }

    private Deadlines deadlines(Field field) {
        Deadlines fallback = defaults.deadlines();
        Map<Step, Duration> perStep = new EnumMap<>(Step.class);
        Map<String, Field> waits = new LinkedHashMap<>();
        for (Field entry : document.entries(field, "{implement: 2h, humanWait: 3d}").values()) {
            if (WAITS.contains(entry.name())) {
                waits.put(entry.name(), entry);
                continue;
            }
            step(entry, WAITS, "has no deadline of its own; its wait is deadlines.humanWait").ifPresent(step ->
                    perStep.put(step, document.duration(entry, WorkflowConfig.DEFAULT_STEP_TIMEOUT)));
        }
        Field humanWait = get(field, waits, "humanWait");
        Field reminder = get(field, waits, "reminderBefore");
        Field escalation = get(field, waits, "escalation");
        Deadlines deadlines = new Deadlines(perStep, document.duration(humanWait, fallback.humanWait()),
                document.duration(reminder, fallback.reminderBefore()),
                document.duration(escalation, fallback.escalation()));
        if (deadlines.reminderBefore().compareTo(deadlines.humanWait()) >= 0
                || deadlines.reminderBefore().compareTo(deadlines.escalation()) >= 0) {
            Field blamed = Stream.of(reminder, humanWait, escalation).filter(f -> !f.isAbsent()).findFirst()
                    .orElse(reminder);
            document.problemAt(blamed.key() == null ? Optional.empty() : blamed.key().getStartMark(), blamed.path(),
                    "deadlines.reminderBefore (" + DurationText.format(deadlines.reminderBefore())
                            + ") must be shorter than deadlines.humanWait (" + DurationText.format(deadlines.humanWait())
                            + ") and deadlines.escalation (" + DurationText.format(deadlines.escalation()) + ")");
        }
        return deadlines;
    }

    private Merge merge(Field field) {
        Map<String, Field> keys = document.map(field, List.of("method", "deleteBranch"),
                "{method: squash, deleteBranch: true}");
        return new Merge(document.choice(get(field, keys, "method"), MERGE_METHODS, defaults.merge().method()),
                document.bool(get(field, keys, "deleteBranch"), defaults.merge().deleteBranch()));
    }

    private Review review(Field field) {
        Map<String, Field> keys = document.map(field, List.of("deletionThreshold"), "{deletionThreshold: 500}");
        return new Review(document.integer(get(field, keys, "deletionThreshold"),
                defaults.review().deletionThreshold(), 0, Integer.MAX_VALUE));
    }

    /** A key naming a step that runs on a worker; anything else is a problem at the key. */
    private Optional<Step> step(Field entry, List<String> otherKeys, String checkpointProblem) {
        Optional<Step> step = Step.parse(entry.name());
        if (step.isEmpty()) {
            List<String> known = new ArrayList<>(otherKeys);
            Arrays.stream(Step.values()).filter(Step::runsOnWorker).map(Step::slug).forEach(known::add);
            document.keyProblem(entry, "is not a step; " + KeySuggestion.hint(entry.name(), known));
        } else if (!step.get().runsOnWorker()) {
            document.keyProblem(entry, "is a checkpoint that waits for people and " + checkpointProblem);
            return Optional.empty();
        }
        return step;
    }

    private static Field get(Field parent, Map<String, Field> keys, String name) {
        return keys.getOrDefault(name, parent.child(name, null, null));
    }

    /** An enum's constants by their lower-case names, in declaration order (for "must be a, b or c"). */
    private static <E extends Enum<E>> Map<String, E> byName(E[] values) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E value : values) {
            names.put(value.name().toLowerCase(Locale.ROOT), value);
        }
        return names;
    }
}
