-- Teaching Kurobe: examples (a question and the SQL that answers it on one connection, the in-context-learning
-- generator's few-shot material) and the feedback people give on answers. Each example is also a record on the
-- compacted Kafka topic 'examples', keyed <tenant>/<connection>/<example id>; a soft delete here is a tombstone there.

-- The standalone question the pipeline answered (the intent stage's rewrite, as panels.ready carries it), so a
-- confirmed follow-up such as "and in 2023?" becomes an example that stands on its own.
ALTER TABLE panels ADD COLUMN question text;

CREATE TABLE examples (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    connection_id text NOT NULL,
    question      text NOT NULL,
    sql           text NOT NULL,
    source        text NOT NULL CHECK (source IN ('feedback', 'bulk')),
    question_id   uuid REFERENCES questions (id),   -- the confirmed question, for source 'feedback'
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CHECK ((source = 'feedback') = (question_id IS NOT NULL))
);
-- A question has at most one example, whatever feedback it gets: new feedback replaces it (and keeps its id).
CREATE UNIQUE INDEX examples_question ON examples (question_id) WHERE question_id IS NOT NULL;
-- Loading the same file twice adds nothing: a live loaded example is unique per connection, question and SQL.
CREATE UNIQUE INDEX examples_loaded_once ON examples (tenant_id, connection_id, md5(question), md5(sql))
    WHERE deleted_at IS NULL AND source = 'bulk';
CREATE INDEX examples_connection_recent ON examples (tenant_id, connection_id, updated_at DESC)
    WHERE deleted_at IS NULL;

-- Every POST /api/questions/{id}/feedback: whether the answer was right, the corrected SQL and a comment when
-- given, and the example it made (none when the answer was wrong and no SQL came with it).
CREATE TABLE feedback (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    question_id uuid NOT NULL REFERENCES questions (id),
    correct     boolean NOT NULL,
    sql         text,
    comment     text,
    example_id  uuid REFERENCES examples (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE INDEX feedback_question ON feedback (question_id, created_at);

ALTER TABLE examples ENABLE ROW LEVEL SECURITY;
ALTER TABLE examples FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON examples
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON feedback
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON examples, feedback TO "${app_user}";
