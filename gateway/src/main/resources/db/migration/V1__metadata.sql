-- Kurobe's metadata store: tenants, their API keys, conversations, questions, progress events, panels.
-- Every tenant-owned row carries tenant_id and is guarded by row-level security on the
-- transaction-local setting app.current_tenant, which the gateway sets inside each transaction.

CREATE TABLE tenants (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);

CREATE TABLE api_keys (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    key_hash   text NOT NULL UNIQUE,   -- SHA-256 hex of the whole key; the key itself is never stored
    prefix     text NOT NULL,          -- the first characters, to recognise a key in a list
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE TABLE conversations (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);

CREATE TABLE questions (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    connection_id   text NOT NULL,
    question        text NOT NULL,
    asker           text NOT NULL,
    status          text NOT NULL DEFAULT 'RECEIVED'
        CHECK (status IN ('RECEIVED', 'RUNNING', 'NEEDS_CLARIFICATION', 'DONE', 'FAILED')),
    deadline        timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
CREATE INDEX questions_tenant_recent ON questions (tenant_id, created_at DESC);
CREATE INDEX questions_conversation ON questions (conversation_id, created_at);

CREATE TABLE question_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    question_id   uuid NOT NULL REFERENCES questions (id),
    stage         text NOT NULL,
    status        text NOT NULL,
    message       text NOT NULL DEFAULT '',
    elapsed_ms    bigint NOT NULL DEFAULT 0,
    clarification jsonb,
    occurred_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (question_id, stage, status)   -- a redelivered event is stored once
);

-- The question's answer, as panels.ready brought it: its panels, or the error the asker should see.
CREATE TABLE panels (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    question_id   uuid NOT NULL UNIQUE REFERENCES questions (id),   -- a redelivered answer is stored once
    sql           text,
    panels        jsonb NOT NULL DEFAULT '[]',   -- each panel whole: kind, title, sql, columns, rows, axes
    error_code    text,
    error_message text,
    offline       boolean NOT NULL DEFAULT false,
    answered_at   timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);

-- Row-level security: a transaction sees only the rows of the tenant it set, even as the table owner.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversations
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE questions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON questions
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE question_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE question_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON question_events
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE panels ENABLE ROW LEVEL SECURITY;
ALTER TABLE panels FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON panels
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Lookups made before the tenant is known. They run as the owner (the admin user, who bypasses
-- row-level security) and each answers only for the one value it is given.
CREATE FUNCTION kurobe_api_key_owner(p_key_hash text)
    RETURNS TABLE (tenant_id uuid, key_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    SELECT k.tenant_id, k.id
    FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
    WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND t.deleted_at IS NULL
$$;

CREATE FUNCTION kurobe_question_tenant(p_question_id uuid)
    RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    SELECT tenant_id FROM questions WHERE id = p_question_id
$$;

REVOKE ALL ON FUNCTION kurobe_api_key_owner(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION kurobe_question_tenant(uuid) FROM PUBLIC;

-- The application's role: reads and writes rows, never changes the schema.
GRANT USAGE ON SCHEMA public TO "${app_user}";
GRANT SELECT ON tenants, api_keys TO "${app_user}";
GRANT SELECT, INSERT, UPDATE ON conversations, questions, question_events, panels TO "${app_user}";
GRANT EXECUTE ON FUNCTION kurobe_api_key_owner(text), kurobe_question_tenant(uuid) TO "${app_user}";
