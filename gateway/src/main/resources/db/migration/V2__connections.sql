-- The tenants' own database connections. The password is sealed with AES-256-GCM by the gateway
-- (nonce + ciphertext + tag in password_sealed) under the key named in password_key_id, so keys can
-- rotate; the database never sees it in clear. Soft delete: deleted_at hides a row from the API.

CREATE TABLE connections (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    name            text NOT NULL,
    engine          text NOT NULL CHECK (engine IN ('duckdb', 'postgres', 'trino')),
    jdbc_url        text NOT NULL,
    username        text,
    password_sealed bytea,
    password_key_id text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    CHECK ((password_sealed IS NULL) = (password_key_id IS NULL))
);
CREATE INDEX connections_tenant_recent ON connections (tenant_id, created_at DESC) WHERE deleted_at IS NULL;

ALTER TABLE connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connections
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON connections TO "${app_user}";
