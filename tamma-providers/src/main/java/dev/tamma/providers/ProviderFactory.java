package dev.tamma.providers;

import dev.tamma.core.ai.AiProvider;
import dev.tamma.providers.anthropic.AnthropicProvider;
import dev.tamma.providers.azure.AzureOpenAiProvider;
import dev.tamma.providers.gemini.GeminiProvider;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.mistral.MistralProvider;
import dev.tamma.providers.ollama.OllamaProvider;
import dev.tamma.providers.openai.OpenAiProvider;
import dev.tamma.providers.openaicompatible.OpenAiCompatibleProvider;
import dev.tamma.providers.openrouter.OpenRouterProvider;
import dev.tamma.providers.scripted.ScriptedProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Builds the provider a {@link ProviderSettings} describes; fails at startup on a missing key or bad setting. */
public final class ProviderFactory {

    public static final List<String> TYPES = List.of(AnthropicProvider.TYPE, OpenAiProvider.TYPE,
            OpenAiCompatibleProvider.TYPE, OpenRouterProvider.TYPE, OllamaProvider.TYPE, MistralProvider.TYPE,
            GeminiProvider.TYPE, AzureOpenAiProvider.TYPE, ScriptedProvider.TYPE);

    private final ApiKeys keys;
    private final Clock clock;

    public ProviderFactory(ApiKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AiProvider create(ProviderSettings settings) {
        return switch (settings.type()) {
            case AnthropicProvider.TYPE -> AnthropicProvider.create(settings, keys, clock);
            case OpenAiProvider.TYPE -> OpenAiProvider.create(settings, keys, clock);
            case OpenAiCompatibleProvider.TYPE -> OpenAiCompatibleProvider.create(settings, keys, clock);
            case OpenRouterProvider.TYPE -> OpenRouterProvider.create(settings, keys, clock);
            case OllamaProvider.TYPE -> OllamaProvider.create(settings, keys, clock);
            case MistralProvider.TYPE -> MistralProvider.create(settings, keys, clock);
            case GeminiProvider.TYPE -> GeminiProvider.create(settings, keys, clock);
            case AzureOpenAiProvider.TYPE -> AzureOpenAiProvider.create(settings, keys, clock);
            case ScriptedProvider.TYPE -> {
                String script = settings.option("script");
                if (script == null) {
                    throw new IllegalArgumentException("providers." + settings.id()
                            + ".options.script is required for a scripted provider: the path of the script file");
                }
                yield ScriptedProvider.load(settings.id(), Path.of(script));
            }
            default -> throw new IllegalArgumentException("providers." + settings.id() + ".type '" + settings.type()
                    + "' is not one of " + TYPES);
        };
    }
}
