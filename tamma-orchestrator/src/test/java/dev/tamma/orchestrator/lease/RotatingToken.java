package dev.tamma.orchestrator.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The token file of the repositories {@code rotating-*}{@code /*} (see {@link FastLeases}). */
final class RotatingToken {

    static final Path FILE = Path.of(FastLeases.ROTATING_TOKEN).toAbsolutePath();

    private RotatingToken() {
    }

    /** Replaces the token in one move, as a careful rotation does: no reader sees half a file. */
    static void set(String token) {
        try {
            Files.createDirectories(FILE.getParent());
            Path next = Files.createTempFile(FILE.getParent(), "rotating-token", ".tmp");
            Files.writeString(next, token + "\n");
            Files.move(next, FILE, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
