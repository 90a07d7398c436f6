package dev.tamma.providers.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tamma.providers.testing.Requests.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.workflow.Step;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.openai.OpenAiWireFormat;
import dev.tamma.providers.testing.MutableClock;
import dev.tamma.providers.testing.RecordingScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole stack over HTTP: OpenAI keeps answering 429, so after its retries the step falls back to Anthropic. */
class ProviderStackHttpTest {

    private WireMockServer server;
    private final RecordingScheduler scheduler = new RecordingScheduler();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        scheduler.shutdownNow();
    }

    @Test
    void rateLimitedPrimaryFallsBackToTheNextVendorAndEveryAttemptIsRecorded() {
        server.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "3")
                .withBody(OpenAiWireFormat.errorBody(429, "Rate limit reached for gpt-4.1"))));
        server.stubFor(post(urlPathEqualTo("/anthropic/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                         "content": [{"type": "text", "text": "planned"}], "stop_reason": "end_turn",
                         "usage": {"input_tokens": 1000, "output_tokens": 100}}
                        """)));
        ProvidersConfig config = ProvidersConfig.parseYaml("""
                providers:
                  default: {provider: openai, model: gpt-4.1}
                  fallback: [{provider: anthropic, model: claude-sonnet-4-5}]
                  resilience:
                    openai:
                      retry: {maxAttempts: 2}
                """);
        MutableClock clock = MutableClock.atEpochPlus(Duration.ZERO);
        List<AiCallRecorded> events = new ArrayList<>();
        RoutedProvider router = new RoutedProvider(config.routing(), ProviderStack.endpoints(List.of(
                        ProviderSettings.of("openai", "openai").withBaseUrl(server.baseUrl() + "/openai/v1"),
                        ProviderSettings.of("anthropic", "anthropic").withBaseUrl(server.baseUrl() + "/anthropic/v1/")),
                config, new ProviderFactory(new ApiKeys(Map.of("OPENAI_API_KEY", "sk-o", "ANTHROPIC_API_KEY", "sk-a")), clock),
                PriceTable.defaults(), wf -> config.budget(), new SpendLedger(), events::add, scheduler, clock));

        ChatResult result = router.chat(ask("wf", Step.PLAN, "plan issue 42"));

        assertThat(result.provider()).isEqualTo("anthropic");
        assertThat(result.text()).isEqualTo("planned");
        server.verify(2, postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions")));
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(3));
        assertThat(events).extracting(AiCallRecorded::provider, AiCallRecorded::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("openai", AiCallRecorded.Outcome.RATE_LIMITED),
                org.assertj.core.groups.Tuple.tuple("openai", AiCallRecorded.Outcome.RATE_LIMITED),
                org.assertj.core.groups.Tuple.tuple("anthropic", AiCallRecorded.Outcome.SUCCESS));
        // $3/M in, $15/M out: 1000 * 3 + 100 * 15 = 4500 per million
        assertThat(events.getLast().costUsd()).isEqualByComparingTo("0.0045");
    }
}
