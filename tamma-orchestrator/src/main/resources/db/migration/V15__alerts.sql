-- Alerts for the people who run Tamma: an escalation, a spent AI budget, a stuck queue. An alert
-- is raised once: (kind, key) is unique, so an event projected twice or a check run on two
-- replicas cannot raise it again. Each alert is delivered once per channel it was raised for.
CREATE TABLE alert (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('ESCALATION', 'BUDGET_EXHAUSTED', 'STUCK_QUEUE')),
    key         text        NOT NULL,
    workflow_id text,
    subject     text        NOT NULL,
    body        text        NOT NULL,
    link        text,
    raised_at   timestamptz NOT NULL DEFAULT now(),
    cleared_at  timestamptz,  -- a stuck queue: when the episode ended
    CONSTRAINT alert_once UNIQUE (kind, key)
);

-- At most one stuck-queue episode is open at a time.
CREATE UNIQUE INDEX alert_one_open_stuck_queue ON alert (kind) WHERE kind = 'STUCK_QUEUE' AND cleared_at IS NULL;

CREATE TABLE alert_delivery (
    alert_id        bigint      NOT NULL REFERENCES alert (id),
    channel         text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    abandoned_at    timestamptz,
    last_error      text,
    PRIMARY KEY (alert_id, channel)
);

CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at)
    WHERE delivered_at IS NULL AND abandoned_at IS NULL;

-- How long a task has waited for a worker: since it was queued, or queued again after a released
-- or unacknowledged lease. A trigger keeps it, so every way back to the queue counts.
ALTER TABLE task ADD COLUMN queued_at timestamptz;
UPDATE task SET queued_at = created_at;
ALTER TABLE task ALTER COLUMN queued_at SET DEFAULT now();
ALTER TABLE task ALTER COLUMN queued_at SET NOT NULL;

CREATE FUNCTION task_queued_again() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'QUEUED' AND OLD.status <> 'QUEUED' THEN
        NEW.queued_at := now();
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER task_queued_again BEFORE UPDATE OF status ON task
    FOR EACH ROW EXECUTE FUNCTION task_queued_again();
