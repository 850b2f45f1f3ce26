-- BedCoord's audit trail: who did what to which scope, with the state before and after.
CREATE TABLE IF NOT EXISTS bedcoord_audit
(
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    role text NOT NULL,
    action text NOT NULL,
    scope_kind text NOT NULL,
    scope_id text NOT NULL,
    before jsonb,
    after jsonb,
    request_id text
);

-- "History of this ward/bed/establishment, newest first" and "everything since T".
CREATE INDEX IF NOT EXISTS ix_bedcoord_audit_scope ON bedcoord_audit (scope_kind, scope_id, at DESC);
CREATE INDEX IF NOT EXISTS ix_bedcoord_audit_at ON bedcoord_audit (at DESC);
-- The demo seed asks at every start what it already wrote; without this (tiny, demo-only) index that is a
-- scan of the whole trail, seconds once the demo has months of history.
CREATE INDEX IF NOT EXISTS ix_bedcoord_audit_demo_seed ON bedcoord_audit (action, scope_id) WHERE actor = 'demo-seed';

-- The trail is evidence: the database itself refuses to rewrite or erase it, whatever the application does.
CREATE OR REPLACE FUNCTION bedcoord_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'bedcoord_audit is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- CREATE OR REPLACE TRIGGER needs PostgreSQL 14; this works on older servers too.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                   WHERE tgrelid = 'bedcoord_audit'::regclass AND tgname = 'bedcoord_audit_no_update_delete') THEN
        CREATE TRIGGER bedcoord_audit_no_update_delete
            BEFORE UPDATE OR DELETE ON bedcoord_audit
            FOR EACH ROW EXECUTE FUNCTION bedcoord_audit_append_only();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                   WHERE tgrelid = 'bedcoord_audit'::regclass AND tgname = 'bedcoord_audit_no_truncate') THEN
        CREATE TRIGGER bedcoord_audit_no_truncate
            BEFORE TRUNCATE ON bedcoord_audit
            FOR EACH STATEMENT EXECUTE FUNCTION bedcoord_audit_append_only();
    END IF;
END
$$;
