-- The identity of this Tamma installation: created once, kept for the life of the database.
CREATE TABLE tamma_instance (
    id         uuid        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO tamma_instance (id) VALUES (gen_random_uuid());
