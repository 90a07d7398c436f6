package dev.tamma.providers;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one configured provider.
 *
 * @param id           the name steps refer to, e.g. {@code anthropic} or {@code lmstudio}
 * @param type         which adapter: {@code anthropic}, {@code openai}, {@code openai-compatible},
 *                     {@code openrouter}, {@code ollama}, {@code mistral}, {@code gemini},
 *                     {@code azure-openai}, {@code scripted}
 * @param baseUrl      the API's base URL; {@code null} for the vendor's public endpoint
 * @param apiKeyEnv    the environment variable holding the key; {@code null} for the type's default
 * @param defaultModel the model used when a step names none
 * @param timeout      how long one call may take
 * @param options      adapter-specific settings (Azure's {@code apiVersion}, OpenRouter's
 *                     {@code referer} and {@code title}, the scripted provider's {@code script})
 */
public record ProviderSettings(
        String id,
        String type,
        String baseUrl,
        String apiKeyEnv,
        String defaultModel,
        Duration timeout,
        Map<String, String> options) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public ProviderSettings {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("providers.<id>: id must be lower-case letters, digits, '.', '_' or '-', got '"
                    + id + "'");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("providers." + id + ".type is required");
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        if (baseUrl != null && !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("providers." + id + ".baseUrl must be an http(s) URL, got '" + baseUrl + "'");
        }
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.strip();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("providers." + id + ".timeout must be positive, got " + timeout);
        }
        options = Map.copyOf(Objects.requireNonNullElse(options, Map.of()));
    }

    public static ProviderSettings of(String id, String type) {
        return new ProviderSettings(id, type, null, null, null, null, Map.of());
    }

    public ProviderSettings withBaseUrl(String url) {
        return new ProviderSettings(id, type, url, apiKeyEnv, defaultModel, timeout, options);
    }

    public ProviderSettings withApiKeyEnv(String variable) {
        return new ProviderSettings(id, type, baseUrl, variable, defaultModel, timeout, options);
    }

    public ProviderSettings withDefaultModel(String model) {
        return new ProviderSettings(id, type, baseUrl, apiKeyEnv, model, timeout, options);
    }

    public ProviderSettings withTimeout(Duration newTimeout) {
        return new ProviderSettings(id, type, baseUrl, apiKeyEnv, defaultModel, newTimeout, options);
    }

    public ProviderSettings withOption(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(options);
        more.put(key, value);
        return new ProviderSettings(id, type, baseUrl, apiKeyEnv, defaultModel, timeout, more);
    }

    public String baseUrlOr(String vendorDefault) {
        return baseUrl == null ? vendorDefault : baseUrl;
    }

    public String apiKeyEnvOr(String typeDefault) {
        return apiKeyEnv == null ? typeDefault : apiKeyEnv;
    }

    public String option(String key) {
        return options.get(key);
    }
}
