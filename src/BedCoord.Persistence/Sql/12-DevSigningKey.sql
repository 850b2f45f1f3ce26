-- The key that signs development tokens (Auth:DevTokens) when none is configured. Kept with the data so that
-- a restart, or another silo of the cluster, accepts the tokens boards already hold (issue 11 item 6).
-- One row; the first silo to start writes it, every other start reads it.
CREATE TABLE IF NOT EXISTS bedcoord_dev_signing_key
(
    id smallint PRIMARY KEY CHECK (id = 1),
    key bytea NOT NULL CHECK (octet_length(key) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
