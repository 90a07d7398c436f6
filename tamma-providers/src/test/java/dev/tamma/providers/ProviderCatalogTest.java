package dev.tamma.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.ai.CodingResult;
import dev.tamma.core.ai.CodingTask;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.agent.ProcessCommandRunner;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.scripted.ScriptedProvider;
import dev.tamma.providers.testing.MutableClock;
import dev.tamma.providers.testing.Requests;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderCatalogTest {

    @Test
    void readsEndpointsWithTheirOptions() {
        List<ProviderSettings> settings = ProviderCatalog.parseYaml("""
                endpoints:
                  - {id: anthropic, type: anthropic}
                  - {id: lmstudio, type: openai-compatible, baseUrl: "http://localhost:1234/v1", defaultModel: qwen3, timeout: 300s}
                  - {id: azure, type: azure-openai, baseUrl: "https://acme.openai.azure.com/", options: {apiVersion: "2024-06-01"}}
                """);

        assertThat(settings).extracting(ProviderSettings::id).containsExactly("anthropic", "lmstudio", "azure");
        assertThat(settings.get(1).timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.get(1).defaultModel()).isEqualTo("qwen3");
        assertThat(settings.get(2).option("apiVersion")).isEqualTo("2024-06-01");
    }

    @Test
    void errorsNameTheEntryAndKey() {
        assertThatThrownBy(() -> ProviderCatalog.parseYaml("endpoints:\n  - {id: x, type: claude}\n"))
                .hasMessageContaining("endpoints[0].type 'claude' is not one of");
        assertThatThrownBy(() -> ProviderCatalog.parseYaml("endpoints:\n  - {id: x, type: openai, baseURL: y}\n"))
                .hasMessageContaining("endpoints[0].baseURL is not a known key");
        assertThatThrownBy(() -> ProviderCatalog.parseYaml(
                "endpoints:\n  - {id: a, type: openai}\n  - {id: a, type: anthropic}\n"))
                .hasMessageContaining("endpoints[1].id 'a' is used twice");
        assertThatThrownBy(() -> ProviderCatalog.parseYaml("endpoints:\n  - {id: a, type: openai, baseUrl: ftp://x}\n"))
                .hasMessageContaining("endpoints[0]: providers.a.baseUrl must be an http(s) URL");
    }

    @Test
    void withoutConfigurationEveryVendorWithAKeyIsAvailable() {
        assertThat(ProviderCatalog.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "k", "GEMINI_API_KEY_FILE", "/run/k",
                "MISTRAL_API_KEY", " ")))
                .extracting(ProviderSettings::type).containsExactly("anthropic", "gemini");
    }

    @Test
    void theAgentFactoryBuildsEachAgentAndPricesBuiltinAnswersByProviderType(@TempDir Path workspace) {
        ScriptedProvider router = ScriptedProvider.of("work-anthropic", """
                model: claude-sonnet-4-5
                steps:
                  implement:
                    - text: nothing to do
                      usage: {input: 1000000, output: 0}
                """);
        CodingAgentFactory factory = new CodingAgentFactory(router,
                List.of(ProviderSettings.of("work-anthropic", "anthropic")), PriceTable.defaults(),
                ProcessCommandRunner.fromSystemEnvironment(), Map.of(), call -> { }, MutableClock.atEpochPlus(Duration.ZERO));

        assertThat(CodingAgentFactory.IDS).allSatisfy(id -> assertThat(factory.create(id, null).id()).isEqualTo(id));
        assertThatThrownBy(() -> factory.create("devin", null)).hasMessageContaining("agent 'devin' is not one of");
        CodingResult result = factory.create("builtin", null).run(new CodingTask(Requests.context("wf", Step.IMPLEMENT),
                workspace, "check", 3, BigDecimal.TEN, Duration.ofMinutes(1)));
        assertThat(result.costUsd()).isEqualByComparingTo("3.00");
    }
}
