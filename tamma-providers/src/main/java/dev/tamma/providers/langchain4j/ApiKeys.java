package dev.tamma.providers.langchain4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where API keys come from: an environment variable ({@code ANTHROPIC_API_KEY}) or a file named by
 * the same variable with {@code _FILE} appended ({@code ANTHROPIC_API_KEY_FILE}), as container
 * secrets are mounted. Errors name the variables, never a key.
 */
public final class ApiKeys {

    private final Map<String, String> environment;

    public ApiKeys(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    public static ApiKeys fromSystemEnvironment() {
        return new ApiKeys(System.getenv());
    }

    /**
     * The key in {@code variable}, else in the file {@code variable_FILE} names.
     *
     * @throws MissingApiKeyException naming both variables when neither gives a key
     */
    public String require(String providerId, String variable) {
        String direct = environment.get(variable);
        if (direct != null && !direct.isBlank()) {
            return direct.strip();
        }
        String fileVariable = variable + "_FILE";
        String file = environment.get(fileVariable);
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file.strip());
            try {
                String key = Files.readString(path).strip();
                if (key.isEmpty()) {
                    throw new MissingApiKeyException("provider '" + providerId + "': the key file " + path
                            + " named by " + fileVariable + " is empty");
                }
                return key;
            } catch (IOException e) {
                throw new MissingApiKeyException("provider '" + providerId + "': cannot read the key file " + path
                        + " named by " + fileVariable + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new MissingApiKeyException("provider '" + providerId + "' needs an API key: set " + variable
                + " or " + fileVariable);
    }

    /** A provider cannot start because its key is missing or unreadable. */
    public static final class MissingApiKeyException extends IllegalStateException {
        public MissingApiKeyException(String message) {
            super(message);
        }
    }
}
