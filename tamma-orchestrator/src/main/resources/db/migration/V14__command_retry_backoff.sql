-- A command that failed on its platform waits before it is tried again (the wait doubles, up to five
-- minutes), so a platform outage of a few minutes does not use up its tries; later commands of the
-- same workflow wait for it, so comments keep their order.
ALTER TABLE workflow_command ADD COLUMN next_attempt_at timestamptz;
