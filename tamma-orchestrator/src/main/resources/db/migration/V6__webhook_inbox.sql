-- Verified webhook deliveries, stored before the platform gets its 2xx, so none is lost; the
-- unique key makes a redelivery (or the same delivery arriving twice at once) a no-op.
CREATE TABLE webhook_inbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform     text        NOT NULL,
    delivery_id  text        NOT NULL,   -- the platform's delivery id, else sha256:<body hash>
    body_sha256  text        NOT NULL,
    repository   text        NOT NULL,
    event_types  text[]      NOT NULL,   -- the normalised events it holds
    events       jsonb       NOT NULL,   -- those events, as the engine consumes them
    content_type text,
    body         bytea       NOT NULL,   -- as received: it can be normalised again
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,  -- failed tries to consume it; given up at 5
    last_error   text,
    CONSTRAINT webhook_inbox_once UNIQUE (platform, delivery_id)
);

CREATE INDEX webhook_inbox_pending ON webhook_inbox (id) WHERE processed_at IS NULL;
