package io.kurobe.local;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command line of the local stack, used by {@code ./kurobe up}: starts a part, leaves it running
 * as a detached child process and prints what the caller needs as {@code NAME=value} lines.
 *
 * <pre>
 * kafka    DIR PREFERRED_PORT [PARTITIONS]     the KRaft broker (a free port when the preferred one is taken)
 * postgres DIR HOST PORT DATABASE               the machine's PostgreSQL when it answers, else an embedded one
 * </pre>
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "kafka":
                kafka(rest);
                break;
            case "postgres":
                postgres(rest);
                break;
            default:
                usage();
        }
        System.exit(0);
    }

    private static void kafka(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        int port = Ports.preferredOrFree(Integer.parseInt(args[1]));
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : LocalKafka.DEFAULT_PARTITIONS;
        LocalKafka kafka = LocalKafka.start(Path.of(args[0]), port, partitions);
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers());
        System.out.println("KAFKA_PID=" + kafka.pid());
    }

    private static void postgres(String[] args) throws Exception {
        if (args.length < 4) {
            usage();
        }
        LocalPostgres postgres = LocalPostgres.start(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        postgres.createDatabaseIfMissing(args[3]);
        System.out.println("KUROBE_DB_HOST=" + postgres.host());
        System.out.println("KUROBE_DB_PORT=" + postgres.port());
        System.out.println("KUROBE_DB_ADMIN_USER=" + postgres.user());
        System.out.println("POSTGRES_JDBC_URL=" + postgres.jdbcUrl(args[3]));
        System.out.println("POSTGRES_EMBEDDED=" + postgres.embedded());
        postgres.pid().ifPresent(pid -> System.out.println("POSTGRES_PID=" + pid));
    }

    private static void usage() {
        System.err.println("usage: Launcher kafka DIR PREFERRED_PORT [PARTITIONS]\n"
                + "       Launcher postgres DIR HOST PORT DATABASE");
        System.exit(2);
    }
}
