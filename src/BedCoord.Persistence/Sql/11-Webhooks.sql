-- Webhook subscriptions (issue 12 §4): a system receives a scope's report, signed, when the scope changes.
-- A deletion is a date, not a DELETE: the delivery log keeps pointing at what it delivered for.
CREATE TABLE IF NOT EXISTS bedcoord_webhooks
(
    id uuid PRIMARY KEY,
    url text NOT NULL,
    scope_kind text NOT NULL,
    scope_id text NOT NULL,
    format text NOT NULL,
    interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
    secret text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by text
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_webhooks_active ON bedcoord_webhooks (created_at) WHERE deleted_at IS NULL;

-- One row per attempt of a delivery. state_hash fingerprints the scope's state a delivery carried: after a restart,
-- a subscription whose current state differs from its last delivered one is delivered again.
CREATE TABLE IF NOT EXISTS bedcoord_webhook_deliveries
(
    seq bigserial PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES bedcoord_webhooks (id),
    delivery_id uuid NOT NULL,
    attempt integer NOT NULL,
    at timestamptz NOT NULL,
    status_code integer,
    duration_ms integer NOT NULL,
    error text,
    outcome text NOT NULL,
    next_attempt_at timestamptz,
    state_hash text NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_bedcoord_webhook_deliveries_sub ON bedcoord_webhook_deliveries (subscription_id, seq DESC);

-- The log is evidence of what was sent where: the database refuses to rewrite or erase it. Re-created on every
-- migration (the whole schema runs in one locked transaction), which also works where CREATE OR REPLACE TRIGGER does not.
CREATE OR REPLACE FUNCTION bedcoord_webhook_log_refuse() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;

DROP TRIGGER IF EXISTS bedcoord_webhook_log_no_rewrite ON bedcoord_webhook_deliveries;
CREATE TRIGGER bedcoord_webhook_log_no_rewrite BEFORE UPDATE OR DELETE ON bedcoord_webhook_deliveries
    FOR EACH ROW EXECUTE FUNCTION bedcoord_webhook_log_refuse();
DROP TRIGGER IF EXISTS bedcoord_webhook_log_no_truncate ON bedcoord_webhook_deliveries;
CREATE TRIGGER bedcoord_webhook_log_no_truncate BEFORE TRUNCATE ON bedcoord_webhook_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION bedcoord_webhook_log_refuse();
