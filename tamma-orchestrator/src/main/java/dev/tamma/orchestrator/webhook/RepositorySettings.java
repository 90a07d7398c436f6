package dev.tamma.orchestrator.webhook;

import dev.tamma.core.platform.GitPlatform;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.worker.config.RepositoryConfig;
import dev.tamma.worker.config.RepositoryConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.stereotype.Component;

/**
 * What starts work and who may steer it on one repository: its {@code .tamma.yml} on the default
 * branch where the file says, the server's {@code tamma.triggers.*} and {@code tamma.webhooks.*}
 * where it does not (no file, no platform entry, a key left out, a broken file). The file's
 * approvers are added to the server's. Kept for {@link #FRESH_FOR} per repository, so a burst of
 * webhooks reads the file once.
 */
@Component
public class RepositorySettings {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RepositorySettings.class);

    /**
     * @param triggerLabel       the issue label that starts a workflow
     * @param approvers          people obeyed besides those with write access: the server's and the file's
     * @param autoNext           after a merge, start the repository's next issue
     * @param priorityLabels     the labels that order that pick, highest first
     * @param forksAllowed       whether events of pull requests from forks are kept
     * @param authorMayApproveMerge in business mode, whether the author may approve its merge
     */
    public record Settings(String triggerLabel, List<String> approvers, boolean autoNext, List<String> priorityLabels,
            boolean forksAllowed, boolean authorMayApproveMerge) {

        public Settings {
            approvers = List.copyOf(approvers);
            priorityLabels = List.copyOf(priorityLabels);
        }

        /** Whether {@code login} is an approver; platform logins are compared ignoring case. */
        public boolean approves(String login) {
            return login != null && approvers.stream().anyMatch(a -> a.equalsIgnoreCase(login));
        }
    }

    private record Known(Settings settings, Instant readAt) {
    }

    private final RepositoryPlatforms platforms;
    private final TriggerProperties triggers;
    private final WebhookProperties webhooks;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    /** The problems last logged per repository, so a broken file is logged once, not at every read. */
    private final Map<String, String> reportedProblems = new ConcurrentHashMap<>();

    public RepositorySettings(RepositoryPlatforms platforms, TriggerProperties triggers, WebhookProperties webhooks,
            Clock clock) {
        this.platforms = platforms;
        this.triggers = triggers;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** The settings of {@code repository} ({@code owner/name}), read again once older than {@link #FRESH_FOR}. */
    public Settings of(String repository) {
        Instant now = clock.instant();
        Known cached = known.get(repository);
        if (cached != null && cached.readAt().plus(FRESH_FOR).isAfter(now)) {
            return cached.settings();
        }
        Settings settings = read(repository);
        known.put(repository, new Known(settings, now));
        return settings;
    }

    /** Drops what is kept of {@code repository}: the next read fetches its file again. */
    public void forget(String repository) {
        known.remove(repository);
    }

    private Settings read(String repository) {
        Optional<GitPlatform> platform = platforms.forRepository(repository).map(RepositoryPlatforms.Connected::platform);
        if (platform.isEmpty()) {
            return server();
        }
        Optional<String> yaml;
        try {
            yaml = platform.get().file(RepositoryConfig.FILE_NAME, platform.get().repository().defaultBranch())
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("Could not read {} of {}: {}; using the server's settings for now", RepositoryConfig.FILE_NAME,
                    repository, e.getMessage());
            return server();
        }
        if (yaml.isEmpty()) {
            reportedProblems.remove(repository);
            return server();
        }
        try {
            Settings settings = merged(RepositoryConfig.parse(yaml.get(), RepositoryConfig.FILE_NAME), yaml.get());
            reportedProblems.remove(repository);
            return settings;
        } catch (RepositoryConfigException e) {
            // A start answers the problems on the issue; here they are only logged, once per content.
            if (!e.getMessage().equals(reportedProblems.put(repository, e.getMessage()))) {
                log.warn("{} of {} is broken; using the server's settings until it is fixed: {}",
                        RepositoryConfig.FILE_NAME, repository, e.getMessage());
            }
            return server();
        }
    }

    private Settings server() {
        return new Settings(triggers.label(), triggers.approvers(), triggers.autoNext(), triggers.priorityLabels(),
                webhooks.forkPullRequests(), triggers.mergeApproval().allowAuthor());
    }

    /** The file's value for each key it sets, the server's for the rest; approvers from both. */
    private Settings merged(RepositoryConfig file, String yaml) {
        Settings server = server();
        Map<?, ?> root = new Load(LoadSettings.builder().build()).loadFromString(yaml) instanceof Map<?, ?> map
                ? map : Map.of();
        List<String> approvers = new ArrayList<>(server.approvers());
        file.approvers().stream().filter(a -> !server.approves(a)).forEach(approvers::add);
        return new Settings(
                says(root, "trigger", "label") ? file.trigger().label() : server.triggerLabel(),
                approvers,
                says(root, "autoNext", "enabled") ? file.autoNext().enabled() : server.autoNext(),
                says(root, "autoNext", "priorityLabels") ? file.autoNext().priorityLabels() : server.priorityLabels(),
                says(root, "forks", "allowed") ? file.forks().allowed() : server.forksAllowed(),
                says(root, "mergeApproval", "allowAuthor") ? file.mergeApproval().allowAuthor()
                        : server.authorMayApproveMerge());
    }

    /** Whether the file gives {@code section.key} a value (an empty value counts as left out, as in the parser). */
    private static boolean says(Map<?, ?> root, String section, String key) {
        return root.get(section) instanceof Map<?, ?> values && values.get(key) != null;
    }
}
