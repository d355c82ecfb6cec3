/**
 * The SQL guard: every execution of generated SQL passes {@link io.kurobe.data.guard.SqlGuard} first.
 *
 * <p>Decisions, so they are made once:
 * <ul>
 *   <li>Parser: JSqlParser 5.4 (one grammar for PostgreSQL, DuckDB and Trino idioms). What runs is the checked
 *       tree printed back, never the incoming text, and the printed SQL must parse back to itself; text the parser
 *       keeps raw (type arguments, time-travel clauses) must be a plain token.</li>
 *   <li>Accepted: one SELECT, WITH … SELECT (CTEs may only SELECT), set operations, VALUES and TABLE t.
 *       Refused: everything else, SELECT INTO, locking clauses, parameters, and DuckDB's USING SAMPLE, which the
 *       parser cannot read (TABLESAMPLE is accepted).</li>
 *   <li>Functions: a per-dialect allowlist of built-ins; PostgreSQL's {@code pg_catalog.} prefix is allowed,
 *       other schema-qualified calls are not. {@code current_setting} is refused with {@code set_config}: settings
 *       leak server configuration and no question needs them. DuckDB's {@code duckdb_*} and {@code pragma_*}
 *       metadata functions are refused (duckdb_secrets and duckdb_settings among them): introspection is the
 *       data plane's job, not generated SQL's. Session keywords (current_user, session_user …) are refused.</li>
 *   <li>Tables: only the connection's introspected tables and the query's own CTEs (scoped as the engines scope
 *       them). information_schema, pg_catalog, {@code pg_*}, {@code duckdb_*}, {@code sqlite_*}, Trino's
 *       {@code system} catalog and {@code $} tables are refused even when no table restriction is set, since they
 *       show other sessions, settings or storage; file paths, URLs and strings used as tables always are.</li>
 *   <li>Row cap: the outermost query gets {@code LIMIT cap}, a higher LIMIT or FETCH FIRST is lowered, a lower one
 *       stays; on Trino an OFFSET is followed by FETCH FIRST, since Trino wants OFFSET before the limit.</li>
 *   <li>String literals are read with standard_conforming_strings on (PostgreSQL's default); literals whose end
 *       would move under backslash escapes are refused, and the connection should keep that setting on.</li>
 * </ul>
 */
package io.kurobe.data.guard;
