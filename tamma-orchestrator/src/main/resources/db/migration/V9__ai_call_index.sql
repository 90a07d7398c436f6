-- tamma costs reads the AI calls of a time range; they are a small part of a long log.
CREATE INDEX event_ai_calls_occurred_at ON event (occurred_at) WHERE type = 'ai.call.recorded';
