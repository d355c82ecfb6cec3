package io.kurobe.data.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * SHA-256 of the rows of one catalog query (tables, columns, types in a fixed order): a structure check that
 * reads only the catalog, far cheaper than an introspection with row counts and example values.
 */
public final class CatalogHash {
    private CatalogHash() {
    }

    public static String of(Connection connection, String catalogQuery) throws SQLException {
        MessageDigest sha = ResultFingerprint.sha256();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(catalogQuery)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= width; i++) {
                    String value = rs.getString(i);
                    sha.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0x1f);
                }
                sha.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
