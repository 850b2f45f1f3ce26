-- History of every scope (api-v1 § History and replay), derived from the append-only inputs (bedcoord_audit,
-- bedcoord_alerts). One row per scope and bucket where something changed; readers carry values over gaps.
-- Partitioned by bucket: daily (1 min tier), monthly (1 h), yearly (1 day). Partitions are created ahead by
-- the server (HistoryPartitions) and dropped by retention; there is deliberately no DEFAULT partition, so a
-- missing partition is an error we see, not a table that silently grows for ever.
DO $$
DECLARE tier text;
BEGIN
    FOREACH tier IN ARRAY ARRAY['m1', 'h1', 'd1'] LOOP
        EXECUTE format($f$
            CREATE TABLE IF NOT EXISTS bedcoord_history_%s
            (
                scope text NOT NULL,
                bucket timestamptz NOT NULL,
                installed integer NOT NULL,
                closed integer NOT NULL,
                surge integer NOT NULL,
                occupied integer NOT NULL,
                reserved integer NOT NULL,
                expected_discharges integer NOT NULL,
                available_min integer NOT NULL,
                available_max integer NOT NULL,
                available_post_ed integer NOT NULL,
                ed_waiting integer,
                bed_blockers integer,
                units integer NOT NULL,
                stale_units integer NOT NULL,
                level smallint,
                computed_level smallint,
                declared_level smallint,
                level_max smallint,
                computed_max smallint,
                declared_max smallint,
                PRIMARY KEY (scope, bucket)
            ) PARTITION BY RANGE (bucket)$f$, tier);
    END LOOP;
END
$$;

-- Where the projector stands: every input before processed_to is in the 1 min tier; rolled_to likewise for
-- the 1 h and 1 day tiers. Not evidence (it can be moved back to recompute), so an ordinary table.
CREATE TABLE IF NOT EXISTS bedcoord_history_cursor
(
    name text PRIMARY KEY,
    processed_to timestamptz NOT NULL,
    rolled_to timestamptz
);

-- Inputs are read in time order by the projector and replay.
CREATE INDEX IF NOT EXISTS ix_bedcoord_audit_action_at ON bedcoord_audit (action, at);
CREATE INDEX IF NOT EXISTS ix_bedcoord_alerts_scope_at ON bedcoord_alerts (scope_kind, scope_id, at);
