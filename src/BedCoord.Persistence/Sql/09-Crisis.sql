-- Crisis cell (issue 10): the main courante, measure templates and checklists, reinforcement requests.

-- The main courante of a scope: append-only and hash-chained (hash = SHA-256 of the entry's canonical form and
-- prev_hash; see BedCoord.Domain.Crisis.LogbookHash). data is text, not jsonb, because the hash covers its exact bytes.
CREATE TABLE IF NOT EXISTS bedcoord_logbook
(
    id text PRIMARY KEY,
    scope_kind text NOT NULL,
    scope_id text NOT NULL,
    seq bigint NOT NULL,
    kind text NOT NULL,
    text text NOT NULL,
    source text,
    event_at timestamptz,
    check_status text,
    corrects text,
    author text NOT NULL,
    role text NOT NULL,
    at timestamptz NOT NULL,
    link text,
    data text,
    hash text NOT NULL,
    prev_hash text NOT NULL,
    UNIQUE (scope_kind, scope_id, seq)
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_logbook_at ON bedcoord_logbook (scope_kind, scope_id, at);

CREATE OR REPLACE FUNCTION bedcoord_logbook_append_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'la main courante (%) est en ajout seul : % refusé', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'bedcoord_logbook'::regclass AND tgname = 'bedcoord_logbook_no_update_delete') THEN
        CREATE TRIGGER bedcoord_logbook_no_update_delete BEFORE UPDATE OR DELETE ON bedcoord_logbook
            FOR EACH ROW EXECUTE FUNCTION bedcoord_logbook_append_only();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'bedcoord_logbook'::regclass AND tgname = 'bedcoord_logbook_no_truncate') THEN
        CREATE TRIGGER bedcoord_logbook_no_truncate BEFORE TRUNCATE ON bedcoord_logbook
            FOR EACH STATEMENT EXECUTE FUNCTION bedcoord_logbook_append_only();
    END IF;
END
$$;

-- A scope's edited checklist templates (absent: the shipped default applies).
CREATE TABLE IF NOT EXISTS bedcoord_measure_templates
(
    scope_kind text NOT NULL,
    scope_id text NOT NULL,
    templates jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
);

-- Opened measures: their current state (every change is also a main courante entry, which is the history).
-- path is the scope's place in the territory ("OCC/SUD/09/090000183") so that a subtree is a prefix.
CREATE TABLE IF NOT EXISTS bedcoord_measures
(
    id text PRIMARY KEY,
    scope_kind text NOT NULL,
    scope_id text NOT NULL,
    path text NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    category text NOT NULL,
    trigger text NOT NULL,
    status text NOT NULL CHECK (status IN ('planned', 'engaged', 'done', 'lifted', 'not-applicable')),
    owner text,
    due_at timestamptz,
    opened_at timestamptz NOT NULL,
    opened_by text NOT NULL,
    closed_at timestamptz,
    closed_by text,
    overdue_at timestamptz
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_measures_path ON bedcoord_measures (path text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_bedcoord_measures_due ON bedcoord_measures (due_at) WHERE status IN ('planned', 'engaged') AND overdue_at IS NULL;

-- Reinforcement and transfer requests from an establishment to its territorial cell (its département).
CREATE TABLE IF NOT EXISTS bedcoord_requests
(
    id text PRIMARY KEY,
    establishment_id text NOT NULL,
    department_code text NOT NULL,
    path text NOT NULL,
    kind text NOT NULL,
    urgency text NOT NULL,
    text text NOT NULL,
    count integer,
    category text,
    status text NOT NULL CHECK (status IN ('open', 'taken', 'satisfied', 'refused')),
    opened_at timestamptz NOT NULL,
    opened_by text NOT NULL,
    taken_at timestamptz,
    taken_by text,
    closed_at timestamptz,
    closed_by text,
    answer text
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_requests_path ON bedcoord_requests (path text_pattern_ops, opened_at DESC);
