package dev.tamma.orchestrator.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * Workflow deadlines as durable one-time timers (db-scheduler): scheduled in the transaction that
 * records the decision asking for them, they survive restarts and fire once across replicas, as a
 * {@link WorkflowInput.TimerFired} for the workflow.
 */
@Component
public class DeadlineTimers implements SmartLifecycle {

    static final String TASK_NAME = "workflow-deadline";

    private final OneTimeTask<String> deadline;
    private final DataSource dataSource;
    private final DeadlineProperties properties;
    private volatile Scheduler scheduler;
    private volatile boolean running;
    private boolean stopped;

    public DeadlineTimers(DataSource dataSource, ObjectProvider<WorkflowEngine> engine, Clock clock,
            DeadlineProperties properties) {
        this.deadline = Tasks.oneTime(TASK_NAME, String.class).execute((instance, context) -> {
            Timer timer = Timer.parse(instance.getData());
            engine.getObject().handle(timer.workflowId(), new WorkflowInput.TimerFired(clock.instant(), timer.deadlineId()));
        });
        this.dataSource = dataSource;
        this.properties = properties;
        this.scheduler = build();
    }

    /** Transaction-aware: scheduling joins the transaction that records the decision. */
    private Scheduler build() {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), deadline)
                .pollingInterval(properties.pollingInterval())
                .threads(properties.threads())
                .enableImmediateExecution()
                .build();
    }

    /** Schedules the deadline; scheduling the same one twice keeps the first. */
    public void schedule(String workflowId, String deadlineId, Instant at) {
        Timer timer = new Timer(workflowId, deadlineId);
        scheduler.scheduleIfNotExists(deadline.instance(timer.instanceId(), timer.data()), at);
    }

    /** A stopped db-scheduler cannot start again, so a restart (a paused context resumed) builds a new one. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (stopped) {
            scheduler = build();
        }
        scheduler.start();
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (running) {
            scheduler.stop();
            running = false;
            stopped = true;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the workflow engine's dependencies, stop before them. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 100;
    }

    /** Stream ids hold no line break (the event log refuses them), so one separates the two ids. */
    private record Timer(String workflowId, String deadlineId) {
        String instanceId() {
            return workflowId + "/" + deadlineId;
        }

        String data() {
            return workflowId + "\n" + deadlineId;
        }

        static Timer parse(String data) {
            int newline = data.indexOf('\n');
            return new Timer(data.substring(0, newline), data.substring(newline + 1));
        }
    }

    /**
     * @param pollingInterval how often due timers are looked for
     * @param threads         how many timers fire at once
     */
    @ConfigurationProperties("tamma.deadlines")
    public record DeadlineProperties(Duration pollingInterval, Integer threads) {
        public DeadlineProperties {
            pollingInterval = pollingInterval == null ? Duration.ofSeconds(5) : pollingInterval;
            threads = threads == null ? 2 : threads;
        }
    }
}
