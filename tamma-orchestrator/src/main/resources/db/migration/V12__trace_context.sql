-- The W3C traceparent of the span that queued a task or stored a webhook delivery, so the work
-- done on it later (a lease, an expiry, the delivery's processing; on any replica or worker)
-- continues that trace. NULL when tracing was off.
ALTER TABLE task ADD COLUMN traceparent text;
ALTER TABLE webhook_inbox ADD COLUMN traceparent text;
