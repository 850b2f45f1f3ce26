-- Weekly departmental meeting reports (issue 9 item 4). Both tables are append-only: a frozen report must read
-- the same a year later, and an action's history is every revision the meeting made.

-- One row per "Figer pour la réunion": the report's figures as they were shown, in JSON.
CREATE TABLE IF NOT EXISTS bedcoord_report_snapshots
(
    id bigserial PRIMARY KEY,
    department text NOT NULL,
    week text NOT NULL,
    frozen_at timestamptz NOT NULL,
    frozen_by text NOT NULL,
    report jsonb NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_report_snapshots_week ON bedcoord_report_snapshots (department, week, frozen_at DESC);

-- One row per revision of a meeting action; an action's current state is its highest revision.
CREATE SEQUENCE IF NOT EXISTS bedcoord_report_action_ids;

CREATE TABLE IF NOT EXISTS bedcoord_report_actions
(
    action_id bigint NOT NULL,
    revision integer NOT NULL,
    department text NOT NULL,
    week text NOT NULL,
    what text NOT NULL,
    establishment text,
    owner text NOT NULL,
    due_date date,
    status text NOT NULL CHECK (status IN ('ouverte', 'en-cours', 'close')),
    changed_at timestamptz NOT NULL,
    changed_by text NOT NULL,
    PRIMARY KEY (action_id, revision)
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_report_actions_department ON bedcoord_report_actions (department, action_id, revision);

CREATE OR REPLACE FUNCTION bedcoord_report_append_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['bedcoord_report_snapshots', 'bedcoord_report_actions'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t::regclass AND tgname = t || '_no_update_delete') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION bedcoord_report_append_only()',
                t || '_no_update_delete', t);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t::regclass AND tgname = t || '_no_truncate') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bedcoord_report_append_only()',
                t || '_no_truncate', t);
        END IF;
    END LOOP;
END
$$;
