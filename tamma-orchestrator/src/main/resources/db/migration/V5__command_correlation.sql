-- A command links to the decision that asked for it through the decision's correlation id, which
-- every event of that decision carries too; commands are written before the events now.
ALTER TABLE workflow_command ADD COLUMN correlation_id uuid;
ALTER TABLE workflow_command DROP COLUMN caused_by;
