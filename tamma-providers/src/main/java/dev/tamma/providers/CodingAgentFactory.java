package dev.tamma.providers;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.CodingAgent;
import dev.tamma.providers.agent.BuiltinCodingAgent;
import dev.tamma.providers.agent.CommandRunner;
import dev.tamma.providers.cli.Aider;
import dev.tamma.providers.cli.ClaudeCode;
import dev.tamma.providers.cli.CliCodingAgent;
import dev.tamma.providers.cli.CodexCli;
import dev.tamma.providers.cli.OpenCode;
import dev.tamma.providers.cost.PriceTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the coding agent a repository asks for by id: {@code builtin}, {@code claude-code}, {@code codex}, {@code aider}, {@code opencode}. */
public final class CodingAgentFactory {

    public static final List<String> IDS = List.of(BuiltinCodingAgent.ID, "claude-code", "codex", "aider", "opencode");
    private static final List<String> MODEL_KEYS = List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENROUTER_API_KEY",
            "GEMINI_API_KEY", "MISTRAL_API_KEY");

    private final AiProvider router;
    private final Map<String, String> providerTypes = new HashMap<>();
    private final PriceTable prices;
    private final CommandRunner commands;
    private final Map<String, String> environment;
    private final AiCallRecorder recorder;
    private final Clock clock;

    /**
     * @param router      what the built-in agent talks to (the routed, metered stack)
     * @param providers   the configured providers, to price the built-in agent's answers by type
     * @param prices      the price table
     * @param commands    how the built-in agent runs commands
     * @param environment where CLI agents take PATH and their keys from
     * @param recorder    where CLI runs are recorded
     */
    public CodingAgentFactory(AiProvider router, List<ProviderSettings> providers, PriceTable prices,
            CommandRunner commands, Map<String, String> environment, AiCallRecorder recorder, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        providers.forEach(p -> providerTypes.put(p.id(), p.type()));
        this.prices = Objects.requireNonNull(prices, "prices");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.environment = Map.copyOf(environment);
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param id         the agent's id
     * @param executable for CLI agents, the executable's path; {@code null} to look the usual name up on PATH
     */
    public CodingAgent create(String id, String executable) {
        return switch (id) {
            case BuiltinCodingAgent.ID -> builtinOn(router);
            case "claude-code" -> new CliCodingAgent(new ClaudeCode(), executable, environment, recorder, clock);
            case "codex" -> new CliCodingAgent(new CodexCli(), executable, environment, recorder, clock);
            case "aider" -> new CliCodingAgent(new Aider(MODEL_KEYS), executable, environment, recorder, clock);
            case "opencode" -> new CliCodingAgent(new OpenCode(MODEL_KEYS), executable, environment, recorder, clock);
            default -> throw new IllegalArgumentException("agent '" + id + "' is not one of " + IDS);
        };
    }

    /** The built-in agent on {@code provider} (a task's own routes) rather than on the factory's router. */
    public CodingAgent builtinOn(AiProvider provider) {
        return new BuiltinCodingAgent(provider, commands, this::cost, Duration.ofMinutes(10), clock);
    }

    private BigDecimal cost(ChatResult answer) {
        String type = providerTypes.getOrDefault(answer.provider(), answer.provider());
        return prices.price(type, answer.model()).map(price -> price.cost(answer.usage())).orElse(BigDecimal.ZERO);
    }
}
