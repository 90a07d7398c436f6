package dev.tamma.orchestrator.worker;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The models in-process workers use ({@code tamma.ai.*}).
 *
 * @param config a YAML file with an {@code endpoints:} list (which providers, see docs/providers.md)
 *               and a {@code providers:} section (routes per step, budget, resilience); required
 *               when in-process workers run
 * @param prices a YAML file of prices overriding the shipped table, or none
 */
@ConfigurationProperties("tamma.ai")
public record AiProperties(Path config, Path prices) {
}
