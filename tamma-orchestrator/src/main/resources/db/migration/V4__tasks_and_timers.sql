-- A step to run is a task. (workflow, step, attempt) is unique, so a retried delivery of the same
-- decision never runs a step twice.
CREATE TABLE task (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workflow_id      text        NOT NULL,
    repository       text        NOT NULL,
    step             text        NOT NULL,
    attempt          integer     NOT NULL,
    payload          jsonb       NOT NULL,
    labels           text[]      NOT NULL DEFAULT '{}',  -- a worker must have all of them
    status           text        NOT NULL DEFAULT 'QUEUED'
                     CHECK (status IN ('QUEUED', 'LEASED', 'SUCCEEDED', 'FAILED', 'EXPIRED')),
    lease_id         uuid        UNIQUE,
    lease_owner      text,
    lease_expires_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    leased_at        timestamptz,
    finished_at      timestamptz,
    CONSTRAINT task_once UNIQUE (workflow_id, step, attempt)
);

CREATE INDEX task_queued ON task (id) WHERE status = 'QUEUED';
CREATE INDEX task_leased ON task (lease_expires_at) WHERE status = 'LEASED';

-- Workers authenticate with bearer tokens; only their SHA-256 is kept.
CREATE TABLE worker_token (
    id           text        PRIMARY KEY,
    name         text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    repositories text[]      NOT NULL DEFAULT '{}',  -- globs; empty: any repository
    labels       text[]      NOT NULL DEFAULT '{}',  -- empty: any labels
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

-- Durable one-time timers (workflow deadlines), owned by db-scheduler.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- Periodic jobs (lease sweeps) run on one replica at a time, under ShedLock.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);
