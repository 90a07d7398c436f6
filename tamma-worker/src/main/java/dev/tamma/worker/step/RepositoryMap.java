package dev.tamma.worker.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A compact picture of a repository for the model: its file tree and the files that say what it is
 * and how it builds, cut to a budget of characters (roughly four per token).
 */
final class RepositoryMap {

    private static final Set<String> SKIPPED = Set.of(".git", "target", "build", "node_modules", "dist", ".gradle",
            ".idea", "__pycache__", ".venv", "vendor");
    private static final List<String> KEY_FILES = List.of("README.md", "README", "README.txt", ".tamma.yml", "pom.xml",
            "build.gradle", "build.gradle.kts", "package.json", "pyproject.toml", "setup.py", "Cargo.toml", "go.mod",
            "Makefile", "CONTRIBUTING.md");
    private static final int KEY_FILE_LIMIT = 6_000;

    private RepositoryMap() {
    }

    static String of(Path root, int tokenBudget) {
        int budget = tokenBudget * 4;
        StringBuilder map = new StringBuilder("Files:\n");
        List<String> files = files(root);
        int listed = 0;
        for (String file : files) {
            if (map.length() + file.length() > budget / 2) {
                break;
            }
            map.append("  ").append(file).append('\n');
            listed++;
        }
        if (listed < files.size()) {
            map.append("  ... and ").append(files.size() - listed).append(" more files\n");
        }
        for (String name : KEY_FILES) {
            Path file = root.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String text = read(file);
            if (text == null) {
                continue;
            }
            if (text.length() > KEY_FILE_LIMIT) {
                text = text.substring(0, KEY_FILE_LIMIT) + "\n[... cut]";
            }
            if (map.length() + text.length() > budget) {
                break;
            }
            map.append("\n--- ").append(name).append(" ---\n").append(text).append('\n');
        }
        return map.toString();
    }

    private static List<String> files(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> {
                        for (Path part : p) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(p -> p.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + root, e);
        }
    }

    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null; // not text
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
