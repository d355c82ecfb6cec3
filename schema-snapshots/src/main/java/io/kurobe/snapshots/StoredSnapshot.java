package io.kurobe.snapshots;

import io.kurobe.data.SchemaSnapshot;

import java.time.Instant;

/**
 * One introspection as Redis keeps it: the snapshot (with its fingerprint), the catalog's structure hash it was
 * taken at, when it was taken and how long the introspection took.
 */
public record StoredSnapshot(SchemaSnapshot snapshot, String structureHash, Instant takenAt, long tookMs) {
}
