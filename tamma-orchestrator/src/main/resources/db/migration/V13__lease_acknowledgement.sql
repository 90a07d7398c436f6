-- A granted lease is held briefly until the worker acknowledges it with its first heartbeat. A
-- lease never acknowledged (the worker went away while its request waited) goes back to the queue
-- without counting an attempt; after a few such returns it counts, so nothing loops for ever.
ALTER TABLE task ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE task ADD COLUMN unacknowledged_leases integer NOT NULL DEFAULT 0;
