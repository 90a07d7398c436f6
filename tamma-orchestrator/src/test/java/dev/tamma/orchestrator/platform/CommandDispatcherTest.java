package dev.tamma.orchestrator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.platform.plaingit.PlainGitPlatforms;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.webhook.IssueStarter;
import dev.tamma.orchestrator.webhook.RepositorySettings;
import dev.tamma.orchestrator.webhook.WebhookProperties;
import dev.tamma.orchestrator.workflow.CommandOutbox;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commands meet a platform that fails: they are tried again later rather than at once, the
 * workflow's later commands wait so comments keep their order, and other workflows go on.
 */
@TammaSpringTest
class CommandDispatcherTest {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired WorkflowEngine engine;
    @Autowired CommandOutbox outbox;
    @Autowired PlatformProperties platformProperties;
    @Autowired WebhookProperties webhookProperties;
    @Autowired PlainGitPlatforms plainGit;
    @Autowired IssueStarter starter;
    @Autowired RepositorySettings settings;
    @Autowired LockProvider locks;
    @Autowired Clock clock;

    /** Comments the platform took, as "repository#issue: text". */
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile PlatformException failure = new PlatformException(PlatformException.Kind.UNAVAILABLE, 503,
            "platform is down");
    private String flaky;
    private String steady;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void platforms() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        flaky = "dispatch-" + suffix + "/flaky";
        steady = "dispatch-" + suffix + "/steady";
        Map<String, GitPlatform> byRepository = Map.of(flaky, platform(flaky, true), steady, platform(steady, false));
        RepositoryPlatforms platforms = new RepositoryPlatforms(platformProperties, webhookProperties, plainGit, clock) {
            @Override
            public List<String> repositories() {
                return List.of(flaky, steady);
            }

            @Override
            public Optional<Connected> forRepository(String repository) {
                return Optional.ofNullable(byRepository.get(repository))
                        .map(p -> new Connected(p, Optional::empty));
            }
        };
        dispatcher = new CommandDispatcher(jdbc, transactions, platforms, starter, settings, locks, clock);
    }

    /** A platform that takes comments and labels, the flaky one failing comments while {@link #failuresLeft} lasts. */
    private GitPlatform platform(String repository, boolean flakyOne) {
        return (GitPlatform) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {GitPlatform.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "comment" -> {
                        if (flakyOne && failuresLeft.getAndDecrement() > 0) {
                            throw failure;
                        }
                        posted.add(repository + "#" + args[0] + ": " + args[1]);
                        yield new Comment(1, "tamma", (String) args[1], Instant.now(), Instant.now(), null);
                    }
                    case "addLabel", "removeLabel" -> null; // the workflow's start labels its issue
                    case "platformName" -> "test";
                    case "toString" -> "test platform for " + repository;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private String workflow(String repository) {
        String id = "workflow-" + UUID.randomUUID();
        engine.start(id, repository + "#7", WorkflowConfig.defaults(Mode.DEV));
        return id;
    }

    private void reply(String workflow, String text) {
        transactions.executeWithoutResult(tx -> outbox.add(workflow, UUID.randomUUID(), "ReplyToCommand",
                "{\"actor\": \"maria\", \"markdown\": \"" + text + "\"}"));
    }

    /** What a pause of the dispatcher's choosing amounts to: the failed command is due now. */
    private void pauseOver(String workflow) {
        jdbc.sql("UPDATE workflow_command SET next_attempt_at = now() WHERE workflow_id = ? AND dispatched_at IS NULL")
                .param(workflow).update();
    }

    @Test
    void aFailedCommandWaitsItsWorkflowsLaterCommandsWaitForItAndOtherWorkflowsGoOn() {
        String first = workflow(flaky);
        String other = workflow(steady);
        reply(first, "one");
        reply(first, "two");
        reply(other, "elsewhere");
        failuresLeft.set(2);

        dispatcher.dispatchPending();
        assertThat(posted).containsExactly(steady + "#7: @maria elsewhere");
        assertThat(jdbc.sql("SELECT attempts, next_attempt_at > now() FROM workflow_command WHERE workflow_id = ? "
                + "AND type = 'ReplyToCommand' ORDER BY id").param(first).query((rs, n) -> rs.getInt(1) + " " + rs.getBoolean(2)).list())
                .as("tried once, then paused; 'two' untouched").containsExactly("1 true", "0 false");

        dispatcher.dispatchPending();
        assertThat(posted).as("nothing is due yet").hasSize(1);

        pauseOver(first);
        dispatcher.dispatchPending(); // the second failure
        pauseOver(first);
        dispatcher.dispatchPending();
        assertThat(posted).containsExactly(steady + "#7: @maria elsewhere", flaky + "#7: @maria one",
                flaky + "#7: @maria two");
        assertThat(jdbc.sql("SELECT count(*) FROM workflow_command WHERE workflow_id = ? AND dispatched_at IS NULL")
                .param(first).query(Integer.class).single()).isZero();
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToFiveMinutes() {
        String first = workflow(flaky);
        reply(first, "patience");
        failuresLeft.set(CommandDispatcher.MAX_ATTEMPTS + 1);
        List<Long> waits = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 9; i++) {
            pauseOver(first);
            dispatcher.dispatchPending();
            waits.add(jdbc.sql("SELECT round(extract(epoch FROM next_attempt_at - now())) FROM workflow_command "
                    + "WHERE workflow_id = ? AND type = 'ReplyToCommand'").param(first).query(Long.class).single());
        }
        assertThat(waits).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L);
    }

    @Test
    void afterTheLastTryACommandIsGivenUpWithItsErrorAndTheWorkflowsNextCommandGoesOut() {
        String first = workflow(flaky);
        reply(first, "lost cause");
        reply(first, "next");
        failuresLeft.set(CommandDispatcher.MAX_ATTEMPTS);
        for (int i = 0; i < CommandDispatcher.MAX_ATTEMPTS; i++) {
            pauseOver(first);
            dispatcher.dispatchPending();
        }
        assertThat(posted).containsExactly(flaky + "#7: @maria next");
        assertThat(jdbc.sql("SELECT attempts || ' ' || last_error FROM workflow_command WHERE workflow_id = ? "
                + "AND dispatched_at IS NULL").param(first).query(String.class).single())
                .isEqualTo(CommandDispatcher.MAX_ATTEMPTS + " platform is down");
    }

    @Test
    void aCommandThePlatformRefusesForGoodIsGivenUpAtOnceAndTheNextGoesOut() {
        String first = workflow(flaky);
        reply(first, "to a deleted issue");
        reply(first, "next");
        failure = new PlatformException(PlatformException.Kind.NOT_FOUND, 404, "issue 7 not found");
        failuresLeft.set(1);

        dispatcher.dispatchPending();
        dispatcher.dispatchPending();
        assertThat(posted).as("no pause for the next command").containsExactly(flaky + "#7: @maria next");
        assertThat(jdbc.sql("SELECT attempts || ' ' || last_error FROM workflow_command WHERE workflow_id = ? "
                + "AND dispatched_at IS NULL").param(first).query(String.class).single())
                .isEqualTo(CommandDispatcher.MAX_ATTEMPTS + " issue 7 not found");
    }

    @Test
    void aRateLimitedCommandWaitsUntilTheLimitResets() {
        String first = workflow(flaky);
        reply(first, "later");
        failure = new PlatformException(PlatformException.Kind.RATE_LIMITED, 429, "rate limited",
                Instant.now().plusSeconds(600), null);
        failuresLeft.set(1);

        dispatcher.dispatchPending();
        assertThat(jdbc.sql("SELECT round(extract(epoch FROM next_attempt_at - now())) FROM workflow_command "
                + "WHERE workflow_id = ? AND type = 'ReplyToCommand'").param(first).query(Long.class).single())
                .as("the reset, not the first pause of 2 s").isBetween(595L, 600L);
    }
}
