-- Carrying out a command on its platform can fail; it is tried again, five times at most, and the
-- last error is kept for a person to read.
ALTER TABLE workflow_command ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE workflow_command ADD COLUMN last_error text;
