-- Alerts (domain.md §6): every change of a scope's effective level, kept as history.
-- path is the scope's place in the territory ("OCC/SUD/09/090000183") so that a subtree is a prefix.
CREATE TABLE IF NOT EXISTS bedcoord_alerts
(
    id text PRIMARY KEY,
    at timestamptz NOT NULL,
    scope_kind text NOT NULL,
    scope_id text NOT NULL,
    path text NOT NULL,
    name text NOT NULL,
    from_level integer NOT NULL,
    to_level integer NOT NULL,
    computed_level integer NOT NULL,
    declared_level integer,
    cause text NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_alerts_at ON bedcoord_alerts (at DESC);
CREATE INDEX IF NOT EXISTS ix_bedcoord_alerts_path ON bedcoord_alerts (path text_pattern_ops, at DESC);
