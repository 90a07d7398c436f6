-- Facts seen on a platform that must have one effect however often, and by whichever path
-- (webhook or polling), they arrive: a comment by its id, a CI verdict by commit and outcome.
CREATE TABLE platform_observation (
    repository  text        NOT NULL,   -- lower case
    key         text        NOT NULL,   -- comment:<id>, ci:<sha>:<success|failure>
    observed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository, key)
);
