package io.kurobe.snapshots;

import java.util.Locale;
import java.util.UUID;

/**
 * The Redis keys of one (tenant, connection): the snapshot, and a marker that lives for one check interval after
 * its structure was last found unchanged. The tenant is length-prefixed so no pair of ids can share a key; a
 * stored connection's UUID is written in canonical form, however the asker spelled it.
 */
public record SnapshotKey(String tenantId, String connectionId) {
    static final String PREFIX = "kurobe:schema:";
    static final String CHECKED_PREFIX = "kurobe:schema-checked:";

    public static SnapshotKey of(String tenantId, String connectionId) {
        return new SnapshotKey(tenantId == null ? "" : tenantId.strip(), canonical(connectionId.strip()));
    }

    public String snapshot() {
        return PREFIX + suffix();
    }

    public String checked() {
        return CHECKED_PREFIX + suffix();
    }

    private String suffix() {
        return tenantId.length() + ":" + tenantId + ":" + connectionId;
    }

    private static String canonical(String connectionId) {
        try {
            return UUID.fromString(connectionId).toString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return connectionId;
        }
    }
}
