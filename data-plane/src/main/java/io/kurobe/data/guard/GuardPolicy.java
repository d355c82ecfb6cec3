package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the guard lets run on one connection: the engine's dialect, the tables of the connection's introspected
 * schema ({@code table} or {@code schema.table}, compared case-insensitively; empty means no table restriction)
 * and the most rows a query may return.
 */
public record GuardPolicy(Engine engine, Set<String> allowedTables, int rowCap) {
    public GuardPolicy {
        Objects.requireNonNull(engine, "engine");
        if (rowCap < 1) {
            throw new IllegalArgumentException("rowCap must be at least 1, was " + rowCap);
        }
        allowedTables = allowedTables.stream()
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public static GuardPolicy of(Engine engine, Collection<String> allowedTables, int rowCap) {
        return new GuardPolicy(engine, Set.copyOf(allowedTables), rowCap);
    }

    /** The tables of an introspected schema, on its engine. */
    public static GuardPolicy forSchema(SchemaSnapshot schema, int rowCap) {
        Set<String> tables = schema.tables().stream().map(TableInfo::name).collect(Collectors.toSet());
        return new GuardPolicy(schema.engine(), tables, rowCap);
    }

    public boolean restrictsTables() {
        return !allowedTables.isEmpty();
    }
}
