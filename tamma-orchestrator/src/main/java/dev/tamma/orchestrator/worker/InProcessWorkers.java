package dev.tamma.orchestrator.worker;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.orchestrator.TammaProperties;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.platform.PlatformProperties;
import dev.tamma.orchestrator.platform.RepositoryPlatforms;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.worker.AiCallReporter;
import dev.tamma.worker.AiCallSpans;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.Worker;
import dev.tamma.worker.step.LoopSteps;
import dev.tamma.worker.step.WorkerToolkit;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Workers inside the orchestrator's JVM, for one machine. They lease over the same HTTP API as
 * remote workers, on loopback with a token of their own, so the lease protocol, its checks and its
 * metrics are the same either way. They start once the web server listens and stop before it does.
 */
@Component
public class InProcessWorkers implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InProcessWorkers.class);

    private final WorkerProperties properties;
    private final AiProperties ai;
    private final TammaProperties tamma;
    private final PlatformProperties.GitIdentity identity;
    private final WorkerTokens tokens;
    private final RepositoryPlatforms platforms;
    private final ObjectProvider<AiCallRecorder> recorders;
    private final ApplicationContext context;
    private final Tracer tracer;
    private final Clock clock;
    private final SpendLedger ledger = new SpendLedger();
    private Worker worker;
    private String tokenId;
    private WorkerToolkit toolkit;
    private LoopSteps steps;

    public InProcessWorkers(WorkerProperties properties, AiProperties ai, TammaProperties tamma,
            PlatformProperties platformProperties, WorkerTokens tokens,
            RepositoryPlatforms platforms, ObjectProvider<AiCallRecorder> recorders, ApplicationContext context,
            Tracer tracer, Clock clock) {
        this.properties = properties;
        this.ai = ai;
        this.tamma = tamma;
        this.identity = platformProperties.gitIdentity();
        this.tokens = tokens;
        this.platforms = platforms;
        this.recorders = recorders;
        this.context = context;
        this.tracer = tracer;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (properties.inProcess() == 0 || worker != null) {
            return;
        }
        LoopSteps steps = steps();
        if (!(context instanceof WebServerApplicationContext server) || server.getWebServer() == null) {
            throw new IllegalStateException("tamma.workers.in-process needs the web server: in-process workers lease"
                    + " over the same HTTP API as remote ones");
        }
        WorkerTokens.Created token = tokens.create("in-process", List.of(), List.of());
        tokenId = token.id();
        URI base = URI.create("http://127.0.0.1:" + server.getWebServer().getPort());
        OrchestratorClient client = new OrchestratorClient(base, token.secret(), tracer);
        // the handlers record their calls straight into the log (AiCallLog); the reporter keeps the
        // ledger they are metered with caught up with what each leased workflow has spent
        worker = new Worker(client, steps.handlers(), new AiCallReporter(client, ledger), "in-process", List.of(),
                Duration.ofSeconds(25), tracer);
        worker.start(properties.inProcess());
        log.info("In-process workers run up to {} steps at a time", properties.inProcess());
    }

    /**
     * The loop's step handlers as these workers run them, built on first use: the models of
     * {@code tamma.ai.config}, the sandbox, and working copies under {@code tamma.workers.workspaces}.
     * Each task's platform is the orchestrator's own connection to the repository.
     */
    public synchronized LoopSteps steps() {
        if (steps != null) {
            return steps;
        }
        if (ai.config() == null) {
            throw new IllegalStateException("tamma.ai.config is required for in-process workers: a YAML file with an"
                    + " 'endpoints:' list and a 'providers:' section naming the default {provider, model}"
                    + " (see docs/providers.md)");
        }
        AiCallRecorder recorder = AiCallSpans.around(call -> recorders.orderedStream().forEach(r -> r.record(call)),
                tracer);
        Path workspaces = properties.workspaces() != null ? properties.workspaces() : tamma.home().resolve("workspaces");
        toolkit = WorkerToolkit.open(new WorkerToolkit.Settings(ai.config(), ai.prices(), workspaces,
                List.of(tamma.home()), new Person(identity.name(), identity.email()), properties.ciPoll(),
                properties.ciGrace()), System.getenv(), recorder, ledger, clock);
        steps = toolkit.steps(task -> platforms.forRepository(task.repository())
                .orElseThrow(() -> new PlatformException(PlatformException.Kind.NOT_FOUND, 0, "repository "
                        + task.repository() + " has no entry in tamma.platforms.repositories"))
                .platform());
        return steps;
    }

    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        try {
            worker.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tokens.revoke(tokenId);
            worker = null;
        }
    }

    @Override
    public synchronized void destroy() {
        if (toolkit != null) {
            toolkit.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }
}
