package dev.tamma.orchestrator.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secret kept in a file a setting names (a mounted Kubernetes Secret, say), read once at start-up. */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * The file's text without surrounding white space; a file that cannot be read stops the start
     * naming {@code setting} and the path, never the content.
     */
    public static String read(Path file, String setting) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + setting + " (" + file + "): " + e.getMessage(), e);
        }
    }
}
