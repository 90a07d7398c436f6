package dev.tamma.providers.routing;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * A provider behind Resilience4j, configured by a {@link ResiliencePolicy}: retry (outermost;
 * waits the vendor's {@code Retry-After} when it gave one, else exponential backoff), circuit
 * breaker, rate limiter and bulkhead (innermost). Waits between retries are scheduled on the
 * given scheduler, never slept on the caller's thread. A refusal by the breaker, limiter or
 * bulkhead is an {@link AiCallException.Kind#NOT_PERMITTED} failure, which the router falls back on.
 * Attempts run on virtual threads, so a small scheduler serves any number of waiting calls.
 */
public final class ResilientProvider implements AiProvider {

    private final AiProvider delegate;
    private final ResiliencePolicy policy;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final ScheduledExecutorService scheduler;

    public ResilientProvider(AiProvider delegate, ResiliencePolicy policy, ScheduledExecutorService scheduler,
            Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        String name = delegate.id();
        this.retry = Retry.of(name, RetryConfig.<ChatResult>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(this::worthRetrying)
                .intervalBiFunction((IntervalBiFunction<ChatResult>) (attempt, outcome) ->
                        waitBefore(attempt, outcome.isLeft() ? outcome.getLeft() : null).toMillis())
                .failAfterMaxAttempts(false)
                .build());
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRateThreshold())
                .slidingWindowSize(policy.slidingWindowSize())
                .minimumNumberOfCalls(policy.minimumCalls())
                .waitDurationInOpenState(policy.openFor().isZero() ? Duration.ofMillis(1) : policy.openFor())
                .recordException(ResilientProvider::countsAgainstTheVendor)
                .clock(clock)
                .build());
        this.rateLimiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(policy.callsPerPeriod())
                .limitRefreshPeriod(policy.ratePeriod())
                .timeoutDuration(policy.rateWait())
                .build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(policy.maxConcurrentCalls())
                .maxWaitDuration(policy.bulkheadWait())
                .build());
    }

    @Override
    public String id() {
        return delegate.id();
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    @Override
    public ChatResult chat(ChatRequest request) {
        Supplier<ChatResult> guarded = CircuitBreaker.decorateSupplier(circuitBreaker,
                RateLimiter.decorateSupplier(rateLimiter,
                        Bulkhead.decorateSupplier(bulkhead, () -> delegate.chat(request))));
        // each attempt runs on its own virtual thread: the scheduler only times the waits
        Supplier<CompletionStage<ChatResult>> attempt = () -> {
            CompletableFuture<ChatResult> answer = new CompletableFuture<>();
            Thread.ofVirtual().name("tamma-ai-" + id()).start(() -> {
                try {
                    answer.complete(guarded.get());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(translate(e));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer;
        };
        CompletableFuture<ChatResult> outcome = retry.executeCompletionStage(scheduler, attempt).toCompletableFuture();
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new AiCallException(id(), AiCallException.Kind.OTHER, "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private boolean worthRetrying(Throwable failure) {
        if (!(failure instanceof AiCallException call) || !call.kind().retryable()) {
            return false;
        }
        return call.retryAfter().map(wait -> wait.compareTo(policy.maxRetryAfter()) <= 0).orElse(true);
    }

    private Duration waitBefore(int attempt, Throwable failure) {
        if (failure instanceof AiCallException call && call.retryAfter().isPresent()) {
            return call.retryAfter().get();
        }
        return policy.backoff(attempt);
    }

    private static boolean countsAgainstTheVendor(Throwable failure) {
        return failure instanceof AiCallException call && call.kind().fallbackWorthy()
                && call.kind() != AiCallException.Kind.NOT_PERMITTED;
    }

    private RuntimeException translate(RuntimeException failure) {
        String what = switch (failure) {
            case CallNotPermittedException ignored -> "the circuit breaker is open";
            case RequestNotPermitted ignored -> "the rate limit is reached";
            case BulkheadFullException ignored -> "too many calls are in flight";
            default -> null;
        };
        return what == null ? failure : new AiCallException(id(), AiCallException.Kind.NOT_PERMITTED, what);
    }
}
