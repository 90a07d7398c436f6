package dev.tamma.core.ai;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A call was refused because a budget is spent. Structural: the step escalates at once, and the
 * escalation says how much was spent.
 */
public final class BudgetExceededException extends AiCallException {

    private final Budget.Scope scope;
    private final BigDecimal limitUsd;
    private final BigDecimal spentUsd;

    public BudgetExceededException(String provider, Budget.Scope scope, BigDecimal limitUsd, BigDecimal spentUsd) {
        super(provider, Kind.BUDGET_EXCEEDED, 0, null,
                scope.describe() + " budget of $" + limitUsd.toPlainString() + " is spent: $"
                        + spentUsd.toPlainString() + " so far", null);
        this.scope = Objects.requireNonNull(scope, "scope");
        this.limitUsd = limitUsd;
        this.spentUsd = spentUsd;
    }

    public Budget.Scope scope() {
        return scope;
    }

    public BigDecimal limitUsd() {
        return limitUsd;
    }

    /** What had been spent when the call was refused. */
    public BigDecimal spentUsd() {
        return spentUsd;
    }
}
