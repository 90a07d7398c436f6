package dev.tamma.providers;

import dev.tamma.providers.anthropic.AnthropicProvider;
import dev.tamma.providers.gemini.GeminiProvider;
import dev.tamma.providers.mistral.MistralProvider;
import dev.tamma.providers.openai.OpenAiProvider;
import dev.tamma.providers.openrouter.OpenRouterProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The providers a server or worker can reach: read from its configuration, or, when it configures
 * none, one per vendor whose key is in the environment.
 *
 * <pre>
 * endpoints:
 *   - {id: anthropic, type: anthropic}
 *   - {id: lmstudio, type: openai-compatible, baseUrl: "http://localhost:1234/v1", defaultModel: qwen3}
 *   - {id: azure, type: azure-openai, baseUrl: "https://acme.openai.azure.com/", options: {apiVersion: "2024-06-01"}}
 * </pre>
 */
public final class ProviderCatalog {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of("id", "type", "baseUrl", "apiKeyEnv", "defaultModel", "timeout",
            "options");

    private ProviderCatalog() {
    }

    /** Reads the {@code endpoints:} list; errors name the entry and the key. */
    public static List<ProviderSettings> parseYaml(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("endpoints: not valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root == null ? null : root.path("endpoints");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("endpoints: a list of {id, type, ...} is required");
        }
        List<ProviderSettings> settings = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "endpoints[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + " must be a map");
            }
            for (String key : entry.propertyNames()) {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + "." + key + " is not a known key; known keys are "
                            + KEYS.stream().sorted().toList());
                }
            }
            String type = entry.path("type").asString("");
            if (!ProviderFactory.TYPES.contains(type)) {
                throw new IllegalArgumentException(where + ".type '" + type + "' is not one of " + ProviderFactory.TYPES);
            }
            Map<String, String> options = new HashMap<>();
            for (Map.Entry<String, JsonNode> option : entry.path("options").properties()) {
                options.put(option.getKey(), option.getValue().asString());
            }
            ProviderSettings one;
            try {
                one = new ProviderSettings(entry.path("id").asString(null), type, entry.path("baseUrl").asString(null),
                        entry.path("apiKeyEnv").asString(null), entry.path("defaultModel").asString(null),
                        entry.has("timeout") ? timeout(entry.path("timeout").asString(""), where) : null, options);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!ids.add(one.id())) {
                throw new IllegalArgumentException(where + ".id '" + one.id() + "' is used twice");
            }
            settings.add(one);
        }
        return List.copyOf(settings);
    }

    /** One provider for each vendor whose key variable (or its {@code _FILE}) is set, with the vendor's id. */
    public static List<ProviderSettings> fromEnvironment(Map<String, String> environment) {
        Map<String, String> vendors = new LinkedHashMap<>();
        vendors.put(AnthropicProvider.TYPE, AnthropicProvider.KEY_VARIABLE);
        vendors.put(OpenAiProvider.TYPE, OpenAiProvider.KEY_VARIABLE);
        vendors.put(GeminiProvider.TYPE, GeminiProvider.KEY_VARIABLE);
        vendors.put(MistralProvider.TYPE, MistralProvider.KEY_VARIABLE);
        vendors.put(OpenRouterProvider.TYPE, OpenRouterProvider.KEY_VARIABLE);
        List<ProviderSettings> found = new ArrayList<>();
        vendors.forEach((type, variable) -> {
            if (isSet(environment, variable) || isSet(environment, variable + "_FILE")) {
                found.add(ProviderSettings.of(type, type));
            }
        });
        return List.copyOf(found);
    }

    private static boolean isSet(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }

    private static Duration timeout(String text, String where) {
        try {
            return text.matches("\\d+s") ? Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)))
                    : Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ".timeout must be like 120s or PT2M, got '" + text + "'");
        }
    }
}
