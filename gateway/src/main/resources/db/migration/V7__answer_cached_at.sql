-- When the panel stage served the answer's rows from its Redis query cache, the time they were cached
-- (panels.ready's cachedAt); NULL when the SQL ran for this question. GET /api/questions/{id} returns it.
ALTER TABLE panels ADD COLUMN cached_at timestamptz;
