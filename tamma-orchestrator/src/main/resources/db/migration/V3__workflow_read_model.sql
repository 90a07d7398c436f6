-- The current state of every workflow: a projection of the event log, written in the same
-- transaction as the events it folds. It can always be rebuilt from the log.
CREATE TABLE workflow (
    workflow_id  text        PRIMARY KEY,
    issue        text        NOT NULL,
    mode         text        NOT NULL,
    status       text        NOT NULL,
    step         text,
    attempt      integer     NOT NULL,
    waiting_for  text,
    version      integer     NOT NULL,   -- the stream version folded so far
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    state        jsonb       NOT NULL
);

CREATE INDEX workflow_status ON workflow (status);

-- What the machine asked to be done, written with the events that asked for it, so no command is
-- lost between a decision and its execution. The dispatcher marks each one done.
CREATE TABLE workflow_command (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workflow_id   text        NOT NULL,
    caused_by     bigint,               -- global position of the decision's last event, if it had any
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz
);

CREATE INDEX workflow_command_pending ON workflow_command (id) WHERE dispatched_at IS NULL;
