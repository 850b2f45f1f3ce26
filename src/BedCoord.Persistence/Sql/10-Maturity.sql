-- Bed-management maturity index (issue 13). Grids, submissions and accompaniment records are append-only:
-- an establishment's score of two years ago must read the same today, with the grid it answered.

-- One row per imported grid version; the grid in force is the latest imported.
CREATE TABLE IF NOT EXISTS bedcoord_maturity_grids
(
    version text PRIMARY KEY,
    imported_at timestamptz NOT NULL,
    imported_by text NOT NULL,
    demonstration boolean NOT NULL,
    grid jsonb NOT NULL
);

-- The form's work in progress, one per establishment, overwritten as the user goes (not a submitted version).
CREATE TABLE IF NOT EXISTS bedcoord_maturity_drafts
(
    establishment text PRIMARY KEY,
    grid_version text NOT NULL REFERENCES bedcoord_maturity_grids (version),
    answers jsonb NOT NULL,
    saved_at timestamptz NOT NULL,
    saved_by text NOT NULL
);

-- Every submitted version: who, when, which grid, the answers and the score computed then.
CREATE TABLE IF NOT EXISTS bedcoord_maturity_submissions
(
    id bigserial PRIMARY KEY,
    establishment text NOT NULL,
    grid_version text NOT NULL REFERENCES bedcoord_maturity_grids (version),
    submitted_at timestamptz NOT NULL,
    submitted_by text NOT NULL,
    answers jsonb NOT NULL,
    score jsonb NOT NULL,
    percent double precision
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_maturity_submissions_establishment ON bedcoord_maturity_submissions (establishment, submitted_at DESC, id DESC);

-- Programme modules followed by an establishment (issue 13 item 4).
CREATE TABLE IF NOT EXISTS bedcoord_maturity_accompaniments
(
    id bigserial PRIMARY KEY,
    establishment text NOT NULL,
    module text NOT NULL,
    started_on date NOT NULL,
    ended_on date,
    evaluation_on date,
    impact_review_on date,
    note text,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_maturity_accompaniments_establishment ON bedcoord_maturity_accompaniments (establishment, started_on);

-- The append-only guard is 07-Reports.sql's bedcoord_report_append_only(), which names the table it refuses.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['bedcoord_maturity_grids', 'bedcoord_maturity_submissions', 'bedcoord_maturity_accompaniments'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = t::regclass AND tgname = t || '_no_update_delete') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION bedcoord_report_append_only()',
                t || '_no_update_delete', t);
        END IF;
    END LOOP;
END
$$;
