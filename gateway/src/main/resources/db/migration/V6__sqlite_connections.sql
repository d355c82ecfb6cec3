-- SQLite became a stored engine (data-plane's fourth connector) after V2 listed the engines a stored
-- connection may name; without it in the list, saving a SQLite connection broke the CHECK.
ALTER TABLE connections DROP CONSTRAINT IF EXISTS connections_engine_check;
ALTER TABLE connections ADD CONSTRAINT connections_engine_check
    CHECK (engine IN ('duckdb', 'postgres', 'trino', 'sqlite'));
