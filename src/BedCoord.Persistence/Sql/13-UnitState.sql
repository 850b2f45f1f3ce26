-- Unit bed state (issue 11): one row per unit, written by group commit (many units per statement) instead of
-- one Orleans storage transaction per update, and read in bulk by establishments at start and after an import.
-- etag counts the row's writes: a write names the etag it read, so a second activation of a unit (a silo
-- declared dead that was not) cannot overwrite a newer state.
CREATE TABLE IF NOT EXISTS bedcoord_unit_state
(
    unit_key text PRIMARY KEY,
    etag bigint NOT NULL,
    state jsonb NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

-- Units stored by the earlier Orleans grain storage (state name "unit", key in grainidextensionstring) move here
-- once; the JSON is the same. A unit already here keeps its row, so re-running this copies nothing.
INSERT INTO bedcoord_unit_state (unit_key, etag, state, written_at)
SELECT DISTINCT ON (grainidextensionstring) grainidextensionstring, version, convert_from(payloadbinary, 'UTF8')::jsonb, modifiedon
FROM orleansstorage
WHERE graintypestring = 'unit' AND grainidextensionstring IS NOT NULL AND payloadbinary IS NOT NULL AND version IS NOT NULL
ORDER BY grainidextensionstring, modifiedon DESC
ON CONFLICT (unit_key) DO NOTHING;
