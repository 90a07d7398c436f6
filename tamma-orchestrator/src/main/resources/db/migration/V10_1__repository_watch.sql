-- How far the reconciler has read each repository's comments: the start of its last complete
-- poll. After downtime the next poll reads from there, so nothing said meanwhile is lost.
CREATE TABLE repository_watch (
    repository text        PRIMARY KEY,
    polled_at  timestamptz NOT NULL
);
