package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ./kurobe guard}: tries the guard from the shell, so a policy can be checked without a question. Prints the
 * SQL that would run and exits 0, or prints the reason and exits 3; exits 2 on a usage error.
 */
public final class GuardCommand {
    static final int ACCEPTED = 0;
    static final int USAGE = 2;
    static final int REJECTED = 3;

    static final String USAGE_TEXT = "usage: guard --engine " + engines() + " --sql \"SELECT …\" [--tables a,b,c]"
            + " [--row-cap N]\n"
            + "  --engine   the dialect and function allowlist to check against\n"
            + "  --sql      the SQL to check; - reads it from standard input\n"
            + "  --tables   the tables of the connection's schema (table or schema.table); default: no restriction\n"
            + "  --row-cap  the most rows the query may return; default " + ExecutionLimits.DEFAULT.rowCap() + "\n"
            + "exit 0: accepted, the SQL that would run is printed; 3: rejected, the reason is printed; 2: usage";

    private GuardCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        GuardPolicy policy;
        String sql;
        try {
            Arguments arguments = Arguments.parse(args);
            policy = arguments.policy();
            sql = "-".equals(arguments.sql) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : arguments.sql;
        } catch (IllegalArgumentException | IOException e) {
            err.println("guard: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        GuardVerdict verdict = new SqlGuard().check(sql, policy);
        if (verdict.isAccepted()) {
            out.println(verdict.sql());
            return ACCEPTED;
        }
        out.println("rejected: " + verdict.reason());
        return REJECTED;
    }

    private static String engines() {
        return Arrays.stream(Engine.values()).map(Engine::dialect).collect(Collectors.joining("|"));
    }

    private static final class Arguments {
        String engine;
        String sql;
        String tables = "";
        String rowCap = String.valueOf(ExecutionLimits.DEFAULT.rowCap());

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--engine":
                        a.engine = value;
                        break;
                    case "--sql":
                        a.sql = value;
                        break;
                    case "--tables":
                        a.tables = value;
                        break;
                    case "--row-cap":
                        a.rowCap = value;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (a.engine == null || a.sql == null) {
                throw new IllegalArgumentException("--engine and --sql are required");
            }
            return a;
        }

        GuardPolicy policy() {
            Engine parsedEngine;
            try {
                parsedEngine = Engine.valueOf(engine.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown engine " + engine + "; use " + engines());
            }
            int cap;
            try {
                cap = Integer.parseInt(rowCap.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--row-cap must be a whole number, was " + rowCap);
            }
            if (cap < 1) {
                throw new IllegalArgumentException("--row-cap must be at least 1, was " + rowCap);
            }
            List<String> tableList = Arrays.asList(tables.split(","));
            return GuardPolicy.of(parsedEngine, tableList, cap);
        }
    }
}
