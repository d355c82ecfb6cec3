package io.kurobe.data.stored;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local start's key: read from a file, or generated into it the first time. The file is created with mode
 * 600 from the start (never written first and narrowed later), and never overwritten.
 */
public final class LocalKeyFile {
    /** The id that rows sealed with the local key carry. */
    public static final String KEY_ID = "local";

    private LocalKeyFile() {
    }

    /** The key and whether it was generated now. */
    public record Loaded(byte[] key, boolean generated) {
        @Override
        public String toString() {
            return "Loaded[generated=" + generated + "]";
        }
    }

    public static Loaded loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[SecretBox.KEY_BYTES];
                new SecureRandom().nextBytes(key);
                if (create(file, Base64.getEncoder().encodeToString(key))) {
                    return new Loaded(key, true);
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != SecretBox.KEY_BYTES) {
                throw new IllegalStateException("the key file " + file + " does not hold " + SecretBox.KEY_BYTES
                        + " base64 bytes");
            }
            return new Loaded(key, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    /** The key of a file the sealing side generated; fails when it is missing rather than making a new one. */
    public static Loaded read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the key file " + file + " does not exist: stored connections are sealed "
                    + "by the gateway, which generates it; point kurobe.crypto.key-file at the gateway's key file "
                    + "or configure kurobe.crypto.keys");
        }
        return loadOrCreate(file);
    }

    /** False when another process created the file first. */
    private static boolean create(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.writeString(file, content + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }
}
