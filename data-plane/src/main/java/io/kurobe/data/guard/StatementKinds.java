package io.kurobe.data.guard;

import java.util.HashMap;
import java.util.Map;

/** Why a statement that is not a query may not run, by its first keyword. */
final class StatementKinds {
    static final String ONLY_QUERIES = "only one read-only query (SELECT, WITH … SELECT, VALUES) may run";

    private static final Map<String, String> WHAT_IT_DOES = new HashMap<>();

    static {
        does("it changes data", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE");
        does("it changes the schema or permissions", "CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
                "RENAME", "REFRESH", "REINDEX", "CLUSTER", "SECURITY");
        does("it reads or writes files", "COPY", "EXPORT", "IMPORT", "UNLOAD");
        does("it changes the session or the engine", "SET", "RESET", "ATTACH", "DETACH", "INSTALL", "LOAD",
                "PRAGMA", "USE", "DISCARD", "LISTEN", "NOTIFY", "UNLISTEN", "CHECKPOINT", "VACUUM", "ANALYZE");
        does("it controls transactions", "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT",
                "RELEASE", "LOCK");
        does("it runs stored code", "CALL", "DO", "EXECUTE", "EXEC", "PREPARE", "DEALLOCATE", "DECLARE", "FETCH",
                "MOVE", "CLOSE");
        does("it is not a query", "EXPLAIN", "DESCRIBE", "DESC", "SHOW", "SUMMARIZE");
    }

    private StatementKinds() {
    }

    private static void does(String what, String... keywords) {
        for (String keyword : keywords) {
            WHAT_IT_DOES.put(keyword, what);
        }
    }

    /** The reason a statement starting with this keyword is refused. */
    static String reason(String keyword) {
        String what = WHAT_IT_DOES.get(keyword);
        if (what == null) {
            return (keyword.isEmpty() ? "this statement" : keyword) + " is not allowed: " + ONLY_QUERIES;
        }
        return keyword + " is not allowed: " + what + "; " + ONLY_QUERIES;
    }

    /** Whether the keyword starts a statement other than a query. */
    static boolean isKnownNonQuery(String keyword) {
        return WHAT_IT_DOES.containsKey(keyword);
    }
}
