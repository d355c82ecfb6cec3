package io.kurobe.data.guard;

import io.kurobe.data.Engine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared checks of the guard's tests: accepted with this SQL, or rejected with a reason that says this. */
final class GuardAssertions {
    static final List<String> SHOP = List.of("customers", "orders", "public.products");
    private static final SqlGuard GUARD = new SqlGuard();

    private GuardAssertions() {
    }

    static GuardVerdict check(Engine engine, String sql) {
        return GUARD.check(sql, GuardPolicy.of(engine, SHOP, 1000));
    }

    static String accepted(Engine engine, String sql) {
        GuardVerdict verdict = check(engine, sql);
        assertTrue(verdict.isAccepted(), () -> "expected " + engine + " to accept\n  " + sql + "\nbut: "
                + verdict.reason());
        return verdict.sql();
    }

    static void rejected(Engine engine, String sql, String reasonPart) {
        GuardVerdict verdict = check(engine, sql);
        assertFalse(verdict.isAccepted(), () -> "expected " + engine + " to reject\n  " + sql + "\nbut it ran as\n  "
                + verdict.sql());
        assertTrue(verdict.reason().contains(reasonPart), () -> "reason for\n  " + sql + "\nwas\n  "
                + verdict.reason() + "\nexpected it to contain\n  " + reasonPart);
    }

    static void rejectedEverywhere(String sql, String reasonPart) {
        for (Engine engine : Engine.values()) {
            rejected(engine, sql, reasonPart);
        }
    }
}
