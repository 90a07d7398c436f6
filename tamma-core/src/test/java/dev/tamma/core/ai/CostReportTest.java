package dev.tamma.core.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.workflow.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CostReportTest {

    private static AiCallRecorded call(String repository, int issue, Step step, String provider, String model,
            String cost, boolean priceKnown, AiCallRecorded.Outcome outcome) {
        return new AiCallRecorded(new CallContext("wf-" + issue, repository, issue, step, 1), provider, model,
                new TokenUsage(1000, 100, 400), new BigDecimal(cost), priceKnown, Duration.ofSeconds(2), outcome,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static final List<AiCallRecorded> CALLS = List.of(
            call("acme/shop", 7, Step.PLAN, "anthropic", "claude-sonnet-4-5", "0.50", true, AiCallRecorded.Outcome.SUCCESS),
            call("acme/shop", 7, Step.IMPLEMENT, "anthropic", "claude-sonnet-4-5", "1.25", true,
                    AiCallRecorded.Outcome.SUCCESS),
            call("acme/shop", 8, Step.IMPLEMENT, "openai", "gpt-4.1", "0", true, AiCallRecorded.Outcome.RATE_LIMITED),
            call("acme/api", 3, Step.REVIEW, "lmstudio", "qwen3", "0", false, AiCallRecorded.Outcome.SUCCESS));

    @Test
    void sumsByEachDimensionMostExpensiveFirst() {
        CostReport byRepository = CostReport.of(CostReport.Dimension.REPOSITORY, CALLS);
        assertThat(byRepository.totalUsd()).isEqualByComparingTo("1.75");
        assertThat(byRepository.lines()).extracting(CostReport.Line::key).containsExactly("acme/shop", "acme/api");
        CostReport.Line shop = byRepository.lines().getFirst();
        assertThat(shop.calls()).isEqualTo(3);
        assertThat(shop.failedCalls()).isEqualTo(1);
        assertThat(shop.inputTokens()).isEqualTo(3000);
        assertThat(shop.cachedInputTokens()).isEqualTo(1200);
        assertThat(shop.costUsd()).isEqualByComparingTo("1.75");

        assertThat(CostReport.of(CostReport.Dimension.STEP, CALLS).lines()).extracting(CostReport.Line::key)
                .containsExactly("implement", "plan", "review");
        assertThat(CostReport.of(CostReport.Dimension.ISSUE, CALLS).lines()).extracting(CostReport.Line::key)
                .containsExactly("acme/shop#7", "acme/api#3", "acme/shop#8");
        assertThat(CostReport.of(CostReport.Dimension.MODEL, CALLS).lines().getFirst().key())
                .isEqualTo("anthropic:claude-sonnet-4-5");
    }

    @Test
    void unpricedCallsMarkTheReportIncomplete() {
        CostReport byProvider = CostReport.of(CostReport.Dimension.PROVIDER, CALLS);
        assertThat(byProvider.incomplete()).isTrue();
        assertThat(byProvider.lines()).filteredOn(line -> line.key().equals("lmstudio"))
                .singleElement().extracting(CostReport.Line::unpricedCalls).isEqualTo(1L);
        assertThat(CostReport.of(CostReport.Dimension.PROVIDER, CALLS.subList(0, 2)).incomplete()).isFalse();
        assertThat(CostReport.of(CostReport.Dimension.PROVIDER, List.of()).totalUsd()).isEqualByComparingTo("0");
    }

    @Test
    void theTotalLineAddsUpEveryLine() {
        CostReport.Line total = CostReport.of(CostReport.Dimension.STEP, CALLS).total();
        assertThat(total.key()).isEqualTo("total");
        assertThat(total.calls()).isEqualTo(4);
        assertThat(total.failedCalls()).isEqualTo(1);
        assertThat(total.inputTokens()).isEqualTo(4000);
        assertThat(total.outputTokens()).isEqualTo(400);
        assertThat(total.cachedInputTokens()).isEqualTo(1600);
        assertThat(total.costUsd()).isEqualByComparingTo("1.75");
        assertThat(total.unpricedCalls()).isEqualTo(1);
    }

    @Test
    void aParallelStreamSumsTheSameAsOneByOne() {
        List<AiCallRecorded> many = IntStream.range(0, 2_000)
                .mapToObj(i -> CALLS.get(i % CALLS.size())).toList();
        CostReport parallel = many.parallelStream().collect(CostReport.collector(CostReport.Dimension.MODEL));
        CostReport serial = CostReport.of(CostReport.Dimension.MODEL, many);
        assertThat(parallel).isEqualTo(serial);
        assertThat(parallel.totalUsd()).isEqualByComparingTo("875.00");
    }

    @Test
    void dimensionsAreNamedInAnyCaseAndAnUnknownOneIsRefusedWithTheChoices() {
        assertThat(CostReport.Dimension.parse("step")).isEqualTo(CostReport.Dimension.STEP);
        assertThat(CostReport.Dimension.parse("Model")).isEqualTo(CostReport.Dimension.MODEL);
        assertThatThrownBy(() -> CostReport.Dimension.parse("team"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot group costs by 'team'; use one of [repository, issue, step, provider, model]");
    }
}
