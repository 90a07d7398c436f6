package dev.tamma.orchestrator.metrics;

/**
 * Every metric the orchestrator publishes, by its Micrometer name; Prometheus shows them with
 * dots as underscores and counters with {@code _total}. Each is described, with its tags and
 * example queries, in docs/operations.md ("Metrics"): a name added here belongs in that table.
 */
public final class MetricNames {

    /** Gauge by {@code step}: tasks waiting for a worker. */
    public static final String TASKS_QUEUED = "tamma.tasks.queued";
    /** Gauge by {@code step}: tasks a worker holds a lease on. */
    public static final String TASKS_LEASED = "tamma.tasks.leased";
    /** Gauge by {@code status}: workflows. */
    public static final String WORKFLOWS = "tamma.workflows";
    /** Timer: how long lease requests waited for work. */
    public static final String LEASE_WAIT = "tamma.lease.wait";
    /** Timer by {@code step} and {@code outcome}: from lease to answer. */
    public static final String STEP_DURATION = "tamma.step.duration";
    /** Counter by {@code step}: leases that expired without an answer. */
    public static final String LEASES_EXPIRED = "tamma.leases.expired";
    /** Counter by {@code step}: leases never acknowledged, offered again at no attempt's cost. */
    public static final String LEASES_UNACKNOWLEDGED = "tamma.leases.unacknowledged";
    /** Counter by {@code step}: workflows handed to a person. */
    public static final String ESCALATIONS = "tamma.workflow.escalations";
    /** Counter by {@code provider}, {@code model}, {@code step}: dollars by the price table. */
    public static final String AI_COST = "tamma.ai.cost";
    /** Counter by {@code provider}, {@code model}, {@code step}, {@code kind}: tokens. */
    public static final String AI_TOKENS = "tamma.ai.tokens";
    /** Counter by {@code provider}, {@code model}, {@code step}, {@code outcome}: AI calls. */
    public static final String AI_CALLS = "tamma.ai.calls";
    /** Timer by {@code provider}, {@code model}: an AI call from sending to answer or failure. */
    public static final String AI_CALL_DURATION = "tamma.ai.call.duration";
    /** Counter by {@code platform}, {@code outcome}: webhook deliveries and what became of them. */
    public static final String WEBHOOK_DELIVERIES = "tamma.webhooks.deliveries";
    /** Distribution: deliveries stored per inbox transaction (more than one when they arrive together). */
    public static final String WEBHOOK_INBOX_WRITES = "tamma.webhooks.inbox.writes";
    /** Counter by {@code kind}, {@code channel}, {@code outcome}: alert deliveries. */
    public static final String ALERT_DELIVERIES = "tamma.alerts.deliveries";

    private MetricNames() {
    }
}
