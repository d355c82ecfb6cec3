package io.kurobe.data.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, user postgres, trust) for tests: fresh databases made and dropped by
 * each test class, written to over a plain admin connection that bypasses the connector's walls.
 */
final class LocalPostgres {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";

    private LocalPostgres() {
    }

    /** Skips the calling test class, with a reason, when nothing answers on 127.0.0.1:5432. */
    static void assumeRunning() {
        assumeTrue(answers(), "no PostgreSQL answers on " + HOST + ":" + PORT
                + "; the PostgreSQL connector tests are skipped");
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Drops the database if it exists, even with sessions left on it, and creates it empty. */
    static void recreate(String database) throws SQLException {
        drop(database);
        run("postgres", "CREATE DATABASE " + database);
    }

    static void drop(String database) throws SQLException {
        run("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /** Runs a script of statements separated by ';' with write access. */
    static void run(String database, String script) throws SQLException {
        try (Connection connection = admin(database); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }

    static Connection admin(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        return DriverManager.getConnection(url(database), properties);
    }
}
