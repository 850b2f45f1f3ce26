-- Bed-blocker register (issue 10 item 4): anonymous lines, one per patient medically ready to leave who waits
-- for a place downstream. No column could identify a patient. A line is never deleted: the patient leaving
-- stamps left_at, so that waiting times can be studied afterwards.
CREATE TABLE IF NOT EXISTS bedcoord_bed_blockers
(
    id bigserial PRIMARY KEY,
    finess text NOT NULL,
    unit_id text,
    destination text NOT NULL CHECK (destination IN ('SMR', 'EHPAD', 'HAD', 'PSY', 'USLD', 'HOME-SUPPORT', 'OTHER')),
    since date NOT NULL,
    via_trajectoire boolean NOT NULL,
    added_at timestamptz NOT NULL,
    added_by text NOT NULL,
    left_at timestamptz,
    left_by text
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_bed_blockers_open ON bedcoord_bed_blockers (finess) WHERE left_at IS NULL;

-- One row per establishment with a register: every change bumps its revision in the same transaction, so the
-- establishment grain can tell a newer register from an older one that arrives late.
CREATE TABLE IF NOT EXISTS bedcoord_bed_blocker_registers
(
    finess text PRIMARY KEY,
    revision bigint NOT NULL
);
