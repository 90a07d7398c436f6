package dev.tamma.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.TammaApplication;
import dev.tamma.orchestrator.database.EmbeddedPostgresServer;
import dev.tamma.orchestrator.lease.Task;
import dev.tamma.orchestrator.lease.TaskQueue;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import dev.tamma.worker.OrchestratorClient;
import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.StepResult;
import dev.tamma.worker.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch through the lease API, next to db-scheduler running no-op one-time tasks on the same
 * PostgreSQL in the same run. Tamma's tasks are real workflow steps: each answer also runs the
 * engine (decide, append events, project, queue the next step), which db-scheduler's do not.
 * Run with {@code ./tamma bench dispatch [workflows] [workers]}.
 */
public final class DispatchBenchmark {

    /** Workflows run one after another for the latency figures (13 tasks each). */
    private static final int LATENCY_WORKFLOWS = 20;
    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 5;
    /** A DEV-mode workflow whose steps all succeed: every step but the design checkpoint is a task. */
    private static final int TASKS_PER_WORKFLOW = 13;
    private static final String WORKFLOW_STEP = "bench-workflow-step";

    private DispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-cli.xml");
        int workflows = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                Files.createTempDirectory("tamma-dispatch").resolve("pgdata"))) {
            System.out.printf(Locale.ROOT, "JDK %s, %d cores, %d workers over HTTP, embedded PostgreSQL%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), workers);
            Results tamma = tamma(server, workflows, workers);
            Result dbScheduler = dbScheduler(server, tamma.leaseApi().median().tasks(), workers);
            System.out.println();
            System.out.println("| system | tasks a round | throughput, median of " + MEASURED_ROUNDS + " rounds (range) "
                    + "| dispatch p50 (idle workers) | dispatch p99 | CPU per task: JVM (of it JIT compiler) "
                    + "| CPU per task: PostgreSQL |");
            System.out.println("|---|---|---|---|---|---|---|");
            tamma.leaseApi().print("Tamma (lease API, 13-step workflows)");
            tamma.onDbScheduler().print("the same workflow steps dispatched by db-scheduler, in-process");
            dbScheduler.print("db-scheduler (no-op one-time tasks)");
            System.out.printf(Locale.ROOT, "%nthroughput ratio Tamma / db-scheduler (medians): %.2fx; "
                    + "Tamma / the same steps on db-scheduler: %.2fx%n",
                    tamma.leaseApi().median().perSecond() / dbScheduler.median().perSecond(),
                    tamma.leaseApi().median().perSecond() / tamma.onDbScheduler().median().perSecond());
        }
        System.exit(0); // libraries' pool threads would keep the launcher's JVM waiting
    }

    /** One throughput round: its tasks, how long they took, the CPU they used and the JIT compiler's part of it. */
    private record Round(int tasks, Duration elapsed, CpuTime cpu, long compilingMillis) {
        double perSecond() {
            return tasks / (elapsed.toNanos() / 1e9);
        }

        /** Runs {@code work}, which runs {@code tasks} tasks, and measures it. */
        static Round measure(Path postgresData, int tasks, JitWarmUp.Round work) throws Exception {
            CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
            CpuTime before = CpuTime.now(postgresData);
            long compiledBefore = compiler.getTotalCompilationTime();
            long start = System.nanoTime();
            work.run();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Round(tasks, elapsed, CpuTime.now(postgresData).minus(before),
                    compiler.getTotalCompilationTime() - compiledBefore);
        }
    }

    /**
     * The throughput rounds and the latencies. Several rounds, reported by their median: on two
     * cores a round in which the JIT recompiles something large (it still does now and then after
     * the warm-up, when a rarely taken branch is taken) runs at half speed.
     */
    private record Result(List<Round> rounds, double[] latenciesMillis) {
        Round median() {
            List<Round> sorted = rounds.stream().sorted(Comparator.comparingDouble(Round::perSecond)).toList();
            return sorted.get(sorted.size() / 2);
        }

        void print(String name) {
            double[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            Round median = median();
            DoubleSummaryStatistics range = rounds.stream().mapToDouble(Round::perSecond).summaryStatistics();
            String p50 = sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", sorted[sorted.length / 2]);
            String p99 = sorted.length == 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f ms", sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f tasks/s (%.0f-%.0f) | %s | %s | %.2f ms (%.2f) | %.2f ms |%n",
                    name, median.tasks(), median.perSecond(), range.getMin(), range.getMax(), p50, p99,
                    median.cpu().jvmNanos() / 1e6 / median.tasks(),
                    median.compilingMillis() / (double) median.tasks(), median.cpu().postgresNanos() / 1e6 / median.tasks());
        }
    }

    /** Tamma's steps through the lease API, and the same steps dispatched by db-scheduler. */
    private record Results(Result leaseApi, Result onDbScheduler) {
    }

    private static Results tamma(EmbeddedPostgresServer server, int workflows, int workerCount) throws Exception {
        // arguments, not default properties: application.yml would override those with its own
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TammaApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + server.jdbcUrl(),
                        "--spring.datasource.username=postgres", "--spring.datasource.hikari.maximum-pool-size=30",
                        "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String token = app.getBean(WorkerTokens.class).create("bench", List.of("bench/*"), List.of()).secret();
            AtomicReference<CountDownLatch> merging = new AtomicReference<>(new CountDownLatch(0));
            StepHandlers noOp = StepHandlers.none().forEveryStep(task -> {
                if (task.step() == Step.MERGE) {
                    merging.get().countDown();
                }
                return new StepResult.Succeeded(output(task.step()));
            });
            List<Worker> pool = new ArrayList<>();
            for (int i = 0; i < workerCount; i++) {
                Worker w = new Worker(new OrchestratorClient(URI.create("http://localhost:" + port), token), noOp,
                        "bench-" + i, List.of(), Duration.ofSeconds(5));
                w.start(1);
                pool.add(w);
            }
            WorkflowEngine engine = app.getBean(WorkflowEngine.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int[] warmUpRounds = {0};
            JitWarmUp.until("Tamma (" + workflows + " workflows a round)", MAX_WARM_UP_ROUNDS, () -> {
                String prefix = "warm-" + warmUpRounds[0]++ + "-";
                merging.set(new CountDownLatch(workflows));
                for (int i = 0; i < workflows; i++) {
                    engine.start(prefix + i, "bench/" + prefix + i, WorkflowConfig.defaults(Mode.DEV));
                }
                awaitDone(jdbc, merging.get(), prefix + "%", workflows);
            });
            // dispatch latency: one workflow at a time, so every task finds workers waiting
            for (int i = 0; i < LATENCY_WORKFLOWS; i++) {
                merging.set(new CountDownLatch(1));
                engine.start("latency-" + i, "bench/latency#" + i, WorkflowConfig.defaults(Mode.DEV));
                awaitDone(jdbc, merging.get(), "latency-%", i + 1);
            }
            double[] latencies = jdbc.sql("SELECT extract(epoch FROM leased_at - created_at) * 1000 FROM task "
                    + "WHERE workflow_id LIKE 'latency-%'").query(Double.class).list().stream()
                    .mapToDouble(Double::doubleValue).toArray();
            // throughput: every workflow at once, more work than workers
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            Map<String, Long> requestsBefore = requestsByUri(meters);
            Map<String, long[]> rowsBefore = rowsWritten(jdbc);
            List<Round> rounds = measuredRounds("Tamma", server.dataDirectory(), workflows * TASKS_PER_WORKFLOW,
                    r -> () -> {
                        String prefix = "load-" + r + "-";
                        merging.set(new CountDownLatch(workflows));
                        for (int i = 0; i < workflows; i++) {
                            engine.start(prefix + i, "bench/" + prefix + i, WorkflowConfig.defaults(Mode.DEV));
                        }
                        awaitDone(jdbc, merging.get(), prefix + "%", workflows);
                    });
            Map<String, Long> requests = new TreeMap<>(requestsByUri(meters));
            requests.replaceAll((uri, count) -> count - requestsBefore.getOrDefault(uri, 0L));
            for (Worker w : pool) {
                w.stop();
            }
            int tasks = jdbc.sql("SELECT count(*) FROM task WHERE workflow_id LIKE 'load-%'").query(Integer.class).single();
            if (tasks != workflows * TASKS_PER_WORKFLOW * MEASURED_ROUNDS) {
                throw new IllegalStateException("expected " + TASKS_PER_WORKFLOW + " tasks a workflow, found "
                        + tasks / (double) (workflows * MEASURED_ROUNDS));
            }
            System.out.printf(Locale.ROOT, "Tamma's HTTP requests per task in the throughput rounds: %.2f %s%n",
                    requests.values().stream().mapToLong(Long::longValue).sum() / (double) tasks, requests);
            printRowsPerTask(rowsBefore, rowsWritten(jdbc), tasks);
            Result onDbScheduler = stepsOnDbScheduler(app, server.dataDirectory(), workflows, workerCount);
            return new Results(new Result(rounds, latencies), onDbScheduler);
        }
    }

    /**
     * The same workflow steps dispatched by db-scheduler instead of the lease API. Each execution
     * does in-process, in one transaction, what a worker's answer makes the orchestrator do (take
     * the step's task, mark it done, let the engine decide and record: events, read model, next
     * task, deadline timer), then schedules the workflow's next step. The work per task is Tamma's;
     * only the dispatch differs: db-scheduler's polling and threads instead of HTTP and leases.
     */
    private static Result stepsOnDbScheduler(ConfigurableApplicationContext app, Path postgresData, int workflows,
            int threads) throws Exception {
        WorkflowEngine engine = app.getBean(WorkflowEngine.class);
        TaskQueue queue = app.getBean(TaskQueue.class);
        TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        AtomicReference<CountDownLatch> merging = new AtomicReference<>(new CountDownLatch(0));
        OneTimeTask<String> step = Tasks.oneTime(WORKFLOW_STEP, String.class).execute((instance, context) -> {
            String workflowId = instance.getData();
            Task done = transactions.execute(tx -> {
                Task task = queue.claim("db-scheduler", List.of(), List.of(), workflowId, Duration.ofMinutes(1))
                        .orElseThrow(() -> new IllegalStateException("no queued step of " + workflowId));
                queue.finish(task.id(), Task.Status.SUCCEEDED);
                engine.decideAndRecord(workflowId, new WorkflowInput.StepSucceeded(Instant.now(), task.step(),
                        task.attempt(), output(task.step())));
                return task;
            });
            if (done.step() == Step.MERGE) {
                merging.get().countDown();
            } else {
                scheduleStep(context.getSchedulerClient(), workflowId, done.step().next());
            }
        });
        // a table of its own: Tamma's deadline scheduler polls scheduled_tasks and would warn about
        // executions of a task it does not know
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_step_executions (LIKE scheduled_tasks INCLUDING ALL)").update();
        Scheduler scheduler = Scheduler.create(app.getBean(DataSource.class), step).threads(threads)
                .tableName("bench_step_executions").pollingInterval(Duration.ofMillis(100))
                .enableImmediateExecution().build();
        scheduler.start();
        try {
            int[] round = {0};
            JitWarmUp.Round run = () -> {
                String prefix = "steps-" + round[0]++ + "-";
                merging.set(new CountDownLatch(workflows));
                for (int i = 0; i < workflows; i++) {
                    // a repository the stopped workers' token may not work on: their long polls
                    // still waiting in the service would lease these steps otherwise
                    engine.start(prefix + i, "steps/" + prefix + i, WorkflowConfig.defaults(Mode.DEV));
                    scheduleStep(scheduler, prefix + i, Step.ISSUE_ASSIGNED);
                }
                awaitDone(jdbc, merging.get(), prefix + "%", workflows);
            };
            // most of its code path is the engine's, warm already: a few rounds for db-scheduler's part
            JitWarmUp.until("the same steps on db-scheduler (" + workflows + " workflows a round)", 10, run);
            return new Result(measuredRounds("The same steps on db-scheduler", postgresData,
                    workflows * TASKS_PER_WORKFLOW, r -> run), new double[0]);
        } finally {
            scheduler.stop();
        }
    }

    /** The steps' outputs the workflow needs to go on: a pull request to merge, a pushed head. */
    private static StepOutput output(Step step) {
        return switch (step) {
            case CREATE_PR -> StepOutput.of("pr").withPullRequest(1);
            case PUSH -> StepOutput.of("pushed").withHeadSha("sha");
            default -> StepOutput.of("ok");
        };
    }

    /** Schedules the run of {@code step} (the next worker step from it) of {@code workflowId}, due now. */
    private static void scheduleStep(SchedulerClient scheduler, String workflowId, Step step) {
        Step run = step.runsOnWorker() ? step : step.next();
        scheduler.schedule(new TaskInstance<>(WORKFLOW_STEP, workflowId + "-" + run, workflowId), Instant.now());
    }

    /** Runs and measures the {@value #MEASURED_ROUNDS} rounds {@code round} makes (given each one's number) and prints them. */
    private static List<Round> measuredRounds(String system, Path postgresData, int tasks, IntFunction<JitWarmUp.Round> round)
            throws Exception {
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < MEASURED_ROUNDS; r++) {
            rounds.add(Round.measure(postgresData, tasks, round.apply(r)));
        }
        System.out.println(system + "'s rounds: " + rounds.stream().map(r -> String.format(Locale.ROOT,
                "%.0f tasks/s (JIT compiler time %.0f%% of the round's)", r.perSecond(),
                100.0 * r.compilingMillis() / r.elapsed().toMillis())).collect(Collectors.joining(", ")));
        return rounds;
    }

    /**
     * Rows inserted, updated and deleted so far, by table, from PostgreSQL's statistics. Backends
     * report them when idle, at the latest 10 s after their last transaction, hence the wait.
     */
    private static Map<String, long[]> rowsWritten(JdbcClient jdbc) throws InterruptedException {
        Thread.sleep(11_000); // waiting for the statistics to be reported, not for a condition
        Map<String, long[]> rows = new TreeMap<>();
        jdbc.sql("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables").query(rs -> {
            rows.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        });
        return rows;
    }

    private static void printRowsPerTask(Map<String, long[]> before, Map<String, long[]> after, int tasks) {
        StringBuilder line = new StringBuilder("Rows written per task in the throughput rounds (inserted/updated/deleted):");
        after.forEach((table, counts) -> {
            long[] was = before.getOrDefault(table, new long[3]);
            double ins = (counts[0] - was[0]) / (double) tasks;
            double upd = (counts[1] - was[1]) / (double) tasks;
            double del = (counts[2] - was[2]) / (double) tasks;
            if (ins + upd + del >= 0.05) {
                line.append(String.format(Locale.ROOT, " %s %.2f/%.2f/%.2f;", table, ins, upd, del));
            }
        });
        System.out.println(line);
    }

    /** The lease API's requests served so far, by URI template (from Spring's {@code http.server.requests}). */
    private static Map<String, Long> requestsByUri(MeterRegistry meters) {
        Map<String, Long> counts = new HashMap<>();
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String uri = timer.getId().getTag("uri");
            if (uri != null && uri.startsWith("/api/v1/leases")) {
                counts.merge(uri.replace("/api/v1/leases", "").replace("/{leaseId}/", ""), timer.count(), Long::sum);
            }
        }
        return counts;
    }

    /**
     * Waits until {@code count} workflows matching {@code pattern} are done: first for the handlers
     * to have merged them (a latch, so the wait costs the database nothing while they run), then
     * for the last answers to be recorded.
     */
    private static void awaitDone(JdbcClient jdbc, CountDownLatch merging, String pattern, int count)
            throws InterruptedException {
        if (!merging.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the workflows did not reach MERGE in 10 minutes");
        }
        while (jdbc.sql("SELECT count(*) FROM workflow WHERE status = 'DONE' AND workflow_id LIKE ?").param(pattern)
                .query(Integer.class).single() < count) {
            Thread.sleep(2); // polling a benchmark's end condition, for the last answers' commits only
        }
    }

    private static Result dbScheduler(EmbeddedPostgresServer server, int tasks, int threads) throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(server.jdbcUrl());
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(threads + 4);
            AtomicReference<CountDownLatch> done = new AtomicReference<>();
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            Semaphore ran = new Semaphore(0);
            OneTimeTask<Long> noOp = Tasks.oneTime("bench-no-op", Long.class).execute((instance, context) -> {
                if (instance.getId().startsWith("latency-")) {
                    latencies.add((System.currentTimeMillis() - instance.getData()) * 1.0);
                    ran.release();
                } else {
                    done.get().countDown();
                }
            });
            Scheduler scheduler = Scheduler.create(pool, noOp).threads(threads)
                    .pollingInterval(Duration.ofMillis(100)).enableImmediateExecution().build();
            scheduler.start();
            try {
                int[] warmUpRounds = {0};
                JitWarmUp.until("db-scheduler (" + tasks + " tasks a round)", MAX_WARM_UP_ROUNDS,
                        () -> runAll(scheduler, noOp, done, "warm-" + warmUpRounds[0]++ + "-", tasks));
                for (int i = 0; i < LATENCY_WORKFLOWS * TASKS_PER_WORKFLOW; i++) { // one at a time, threads waiting
                    long now = System.currentTimeMillis();
                    scheduler.schedule(noOp.instance("latency-" + i, now), Instant.ofEpochMilli(now));
                    ran.acquire();
                }
                List<Round> rounds = measuredRounds("db-scheduler", server.dataDirectory(), tasks,
                        r -> () -> runAll(scheduler, noOp, done, "t" + r + "-", tasks));
                return new Result(rounds, latencies.stream().mapToDouble(Double::doubleValue).toArray());
            } finally {
                scheduler.stop();
            }
        }
    }

    /** Schedules {@code tasks} no-op tasks at once and waits until all have run. */
    private static void runAll(Scheduler scheduler, OneTimeTask<Long> noOp, AtomicReference<CountDownLatch> done,
            String prefix, int tasks) throws InterruptedException {
        done.set(new CountDownLatch(tasks));
        for (int i = 0; i < tasks; i++) {
            long now = System.currentTimeMillis();
            scheduler.schedule(noOp.instance(prefix + i, now), Instant.ofEpochMilli(now));
        }
        if (!done.get().await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("db-scheduler did not run every task in 10 minutes");
        }
    }
}
