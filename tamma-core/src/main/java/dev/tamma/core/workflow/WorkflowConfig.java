package dev.tamma.core.workflow;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one workflow. It travels inside {@link WorkflowEvent.WorkflowStarted}, so a
 * replay uses the settings the workflow ran with, not today's.
 *
 * @param mode                    whether checkpoints pass on their own ({@link Mode#DEV}) or wait
 * @param maxAttempts             failures allowed per step before escalating; missing steps get
 *                                {@link #DEFAULT_MAX_ATTEMPTS}
 * @param stepTimeouts            how long one attempt of a step may run; missing steps get
 *                                {@link #DEFAULT_STEP_TIMEOUT}
 * @param humanWaitTimeout        how long a checkpoint or question waits before escalating
 * @param reminderBeforeTimeout   how long before a wait's timeout the single reminder is posted
 * @param escalationTimeout       how long an escalated workflow holds the repository before it is
 *                                cancelled and the lock released
 * @param backoffBase             delay before the second attempt; doubles for each later one
 * @param backoffMax              the longest delay between attempts
 * @param deletionThreshold       a change deleting more lines than this is risky
 */
public record WorkflowConfig(
        Mode mode,
        Map<Step, Integer> maxAttempts,
        Map<Step, Duration> stepTimeouts,
        Duration humanWaitTimeout,
        Duration reminderBeforeTimeout,
        Duration escalationTimeout,
        Duration backoffBase,
        Duration backoffMax,
        int deletionThreshold) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int MAX_ATTEMPTS_CAP = 10;
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(30);

    public WorkflowConfig {
        Objects.requireNonNull(mode, "mode");
        maxAttempts = Map.copyOf(Objects.requireNonNull(maxAttempts, "maxAttempts"));
        stepTimeouts = Map.copyOf(Objects.requireNonNull(stepTimeouts, "stepTimeouts"));
        maxAttempts.forEach((step, limit) -> {
            if (limit < 1 || limit > MAX_ATTEMPTS_CAP) {
                throw new IllegalArgumentException("maxAttempts for step " + step + " must be between 1 and "
                        + MAX_ATTEMPTS_CAP + ", got " + limit);
            }
        });
        stepTimeouts.forEach((step, timeout) -> requirePositive("stepTimeouts for step " + step, timeout));
        requirePositive("humanWaitTimeout", humanWaitTimeout);
        requirePositive("reminderBeforeTimeout", reminderBeforeTimeout);
        requirePositive("escalationTimeout", escalationTimeout);
        requirePositive("backoffBase", backoffBase);
        requirePositive("backoffMax", backoffMax);
        if (reminderBeforeTimeout.compareTo(humanWaitTimeout) >= 0
                || reminderBeforeTimeout.compareTo(escalationTimeout) >= 0) {
            throw new IllegalArgumentException("reminderBeforeTimeout (" + reminderBeforeTimeout
                    + ") must be shorter than humanWaitTimeout and escalationTimeout");
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMax (" + backoffMax + ") must not be shorter than backoffBase ("
                    + backoffBase + ")");
        }
        if (deletionThreshold < 0) {
            throw new IllegalArgumentException("deletionThreshold must not be negative, got " + deletionThreshold);
        }
    }

    /** Sensible settings: 3 attempts per step, longer deadlines for the slow steps, 3 days for people. */
    public static WorkflowConfig defaults(Mode mode) {
        Map<Step, Duration> timeouts = new EnumMap<>(Step.class);
        timeouts.put(Step.IMPLEMENT, Duration.ofHours(2));
        timeouts.put(Step.TEST, Duration.ofHours(1));
        timeouts.put(Step.CI_CHECKS, Duration.ofHours(2));
        timeouts.put(Step.ADDRESS_COMMENTS, Duration.ofHours(1));
        return new WorkflowConfig(mode, Map.of(), timeouts, Duration.ofDays(3), Duration.ofDays(1),
                Duration.ofDays(7), Duration.ofSeconds(30), Duration.ofMinutes(10), 500);
    }

    public int maxAttempts(Step step) {
        return maxAttempts.getOrDefault(step, DEFAULT_MAX_ATTEMPTS);
    }

    public Duration stepTimeout(Step step) {
        return stepTimeouts.getOrDefault(step, DEFAULT_STEP_TIMEOUT);
    }

    public WorkflowConfig withMode(Mode newMode) {
        return new WorkflowConfig(newMode, maxAttempts, stepTimeouts, humanWaitTimeout, reminderBeforeTimeout,
                escalationTimeout, backoffBase, backoffMax, deletionThreshold);
    }

    public WorkflowConfig withMaxAttempts(Step step, int limit) {
        Map<Step, Integer> limits = new EnumMap<>(Step.class);
        limits.putAll(maxAttempts);
        limits.put(step, limit);
        return new WorkflowConfig(mode, limits, stepTimeouts, humanWaitTimeout, reminderBeforeTimeout,
                escalationTimeout, backoffBase, backoffMax, deletionThreshold);
    }

    public WorkflowConfig withStepTimeout(Step step, Duration timeout) {
        Map<Step, Duration> timeouts = new EnumMap<>(Step.class);
        timeouts.putAll(stepTimeouts);
        timeouts.put(step, timeout);
        return new WorkflowConfig(mode, maxAttempts, timeouts, humanWaitTimeout, reminderBeforeTimeout,
                escalationTimeout, backoffBase, backoffMax, deletionThreshold);
    }

    public WorkflowConfig withHumanWait(Duration timeout, Duration reminderBefore) {
        return new WorkflowConfig(mode, maxAttempts, stepTimeouts, timeout, reminderBefore,
                escalationTimeout, backoffBase, backoffMax, deletionThreshold);
    }

    public WorkflowConfig withBackoff(Duration base, Duration max) {
        return new WorkflowConfig(mode, maxAttempts, stepTimeouts, humanWaitTimeout, reminderBeforeTimeout,
                escalationTimeout, base, max, deletionThreshold);
    }

    public WorkflowConfig withDeletionThreshold(int threshold) {
        return new WorkflowConfig(mode, maxAttempts, stepTimeouts, humanWaitTimeout, reminderBeforeTimeout,
                escalationTimeout, backoffBase, backoffMax, threshold);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
