package dev.tamma.providers.cost;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.core.ai.BudgetExceededException;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wraps a provider so that every call is checked against the budget first and priced and recorded
 * afterwards, failed calls included. A refused call is recorded too, with outcome
 * {@code BUDGET_EXCEEDED} and no cost, and never reaches the vendor.
 */
public final class MeteredProvider implements AiProvider {

    private final AiProvider delegate;
    private final String priceKey;
    private final PriceTable prices;
    private final Function<String, Budget> budgets;
    private final SpendLedger ledger;
    private final AiCallRecorder recorder;
    private final Clock clock;

    /**
     * @param delegate the provider to meter
     * @param priceKey the provider type whose prices apply ({@code anthropic}, {@code openrouter}, ...)
     * @param prices   the price table
     * @param budgets  the budget of a workflow, by workflow id
     * @param ledger   spend so far, updated with every call
     * @param recorder where call records go (the event log)
     * @param clock    for timestamps and latency
     */
    public MeteredProvider(AiProvider delegate, String priceKey, PriceTable prices, Function<String, Budget> budgets,
            SpendLedger ledger, AiCallRecorder recorder, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.priceKey = Objects.requireNonNull(priceKey, "priceKey");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ChatResult chat(ChatRequest request) {
        String workflow = request.context().workflowId();
        String model = request.model() == null ? "(default)" : request.model();
        Instant start = clock.instant();
        try {
            Budget budget = Objects.requireNonNullElse(budgets.apply(workflow), Budget.DEFAULT);
            budget.checkBeforeCall(id(), workflow, request.context().step(), ledger.spentInWorkflow(workflow),
                    ledger.spentInStep(workflow, request.context().step()));
        } catch (BudgetExceededException refused) {
            emit(request, model, TokenUsage.NONE, start, AiCallRecorded.Outcome.BUDGET_EXCEEDED);
            throw refused;
        }
        ChatResult result;
        try {
            result = delegate.chat(request);
        } catch (AiCallException failure) {
            emit(request, model, TokenUsage.NONE, start, AiCallRecorded.Outcome.of(failure.kind()));
            throw failure;
        } catch (RuntimeException failure) {
            emit(request, model, TokenUsage.NONE, start, AiCallRecorded.Outcome.OTHER);
            throw failure;
        }
        // the configured model name keys the price table and the reports; vendors often answer with a dated variant
        emit(request, request.model() == null ? result.model() : request.model(), result.usage(), start,
                AiCallRecorded.Outcome.SUCCESS);
        return result;
    }

    private void emit(ChatRequest request, String model, TokenUsage usage, Instant start, AiCallRecorded.Outcome outcome) {
        Optional<Price> price = prices.price(priceKey, model);
        BigDecimal cost = price.map(p -> p.cost(usage)).orElse(BigDecimal.ZERO);
        Instant end = clock.instant();
        AiCallRecorded call = new AiCallRecorded(request.context(), id(), model, usage, cost, price.isPresent(),
                Duration.between(start, end), outcome, end);
        ledger.record(call);
        recorder.record(call);
    }
}
