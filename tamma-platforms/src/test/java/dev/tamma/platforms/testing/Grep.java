package dev.tamma.platforms.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Which files under a directory contain a string, like {@code grep -rl}. */
public final class Grep {

    public static List<Path> filesContaining(Path directory, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] hay = Files.readAllBytes(file);
            outer:
            for (int i = 0; i <= hay.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Grep() {
    }
}
