-- The event log: append-only, one chain of SHA-256 hashes across all streams.

CREATE SEQUENCE event_global_position;

CREATE TABLE event (
    global_position bigint      PRIMARY KEY,           -- set by the chain trigger, in commit order
    stream_id       text        NOT NULL,
    stream_version  integer     NOT NULL CHECK (stream_version > 0),
    event_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL,
    schema_version  integer     NOT NULL CHECK (schema_version > 0),
    occurred_at     timestamptz(3) NOT NULL,
    actor           text        NOT NULL,
    correlation_id  uuid,
    causation_id    uuid,
    payload         jsonb       NOT NULL,
    previous_hash   text        NOT NULL,
    hash            text        NOT NULL,
    CONSTRAINT event_stream_version_unique UNIQUE (stream_id, stream_version),
    -- fields are joined with newlines for hashing, so the ones before the payload may not hold one
    CONSTRAINT event_single_line_fields CHECK (strpos(stream_id || type || actor, E'\n') = 0)
);

CREATE INDEX event_occurred_at ON event (occurred_at);

-- The bytes an event's hash covers. EventChain (Java) computes the same, to verify independently.
-- PL/pgSQL rather than SQL: PostgreSQL caches its plan, where a SQL function is planned per call.
CREATE FUNCTION event_hash(previous_hash text, e event) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN encode(sha256(convert_to(concat_ws(E'\n',
        previous_hash,
        e.global_position::text,
        e.stream_id,
        e.stream_version::text,
        e.event_id::text,
        e.type,
        e.schema_version::text,
        (extract(epoch FROM e.occurred_at) * 1000)::bigint::text,
        e.actor,
        coalesce(e.correlation_id::text, ''),
        coalesce(e.causation_id::text, ''),
        e.payload::text), 'UTF8')), 'hex');
END
$$;

-- Appends are serialised by a transaction-scoped lock, so positions follow commit order and every
-- event links to the one committed before it. Readers never see a gap fill in later.
CREATE FUNCTION event_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    head text;
    stream_head integer;
BEGIN
    PERFORM pg_advisory_xact_lock(7350001);
    SELECT max(stream_version) INTO stream_head FROM event WHERE stream_id = NEW.stream_id;
    IF NEW.stream_version <> coalesce(stream_head, 0) + 1 THEN
        -- optimistic concurrency: the writer expected another version; SQLSTATE TM409 tells it so
        RAISE EXCEPTION 'stream % is at version %, not %', NEW.stream_id, coalesce(stream_head, 0),
            NEW.stream_version - 1 USING ERRCODE = 'TM409';
    END IF;
    SELECT hash INTO head FROM event ORDER BY global_position DESC LIMIT 1;
    NEW.global_position := nextval('event_global_position');
    NEW.previous_hash := coalesce(head, repeat('0', 64));
    NEW.hash := event_hash(NEW.previous_hash, NEW);
    RETURN NEW;
END
$$;

CREATE TRIGGER event_chain BEFORE INSERT ON event
    FOR EACH ROW EXECUTE FUNCTION event_chain();

CREATE FUNCTION event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION event_refuse_change();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION event_refuse_change();
