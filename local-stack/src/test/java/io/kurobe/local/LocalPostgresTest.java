package io.kurobe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void usesWhatAlreadyAnswersOnThePort() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            LocalPostgres postgres = LocalPostgres.start(dir, Ports.LOOPBACK, listening.getLocalPort());
            assertFalse(postgres.embedded());
            assertEquals(listening.getLocalPort(), postgres.port());
            assertTrue(postgres.pid().isEmpty());
        }
    }

    @Test
    void startsAnEmbeddedPostgresWhenNothingAnswersAndStopsIt() throws Exception {
        int port = Ports.free();
        LocalPostgres postgres = LocalPostgres.start(dir, Ports.LOOPBACK, port);
        try {
            assertTrue(postgres.embedded());
            postgres.createDatabaseIfMissing("kurobe_test");
            postgres.createDatabaseIfMissing("kurobe_test");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("kurobe_test"));
                    ResultSet row = connection.createStatement().executeQuery("SELECT current_database(), current_user")) {
                assertTrue(row.next());
                assertEquals("kurobe_test", row.getString(1));
                assertEquals(LocalPostgres.USER, row.getString(2));
            }
        } finally {
            postgres.close();
        }
        assertFalse(Ports.accepts(Ports.LOOPBACK, postgres.port(), 500));
    }
}
