package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowConfigTest {

    private final WorkflowConfig defaults = WorkflowConfig.defaults(Mode.DEV);

    @Test
    void everyStepHasThreeAttemptsAndADeadlineByDefault() {
        for (Step step : Step.values()) {
            assertThat(defaults.maxAttempts(step)).isEqualTo(3);
            assertThat(defaults.stepTimeout(step)).isPositive();
        }
        assertThat(defaults.stepTimeout(Step.IMPLEMENT)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void anAttemptLimitAboveTenIsRefusedNamingTheStep() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withMaxAttempts(Step.TEST, 11))
                .withMessage("maxAttempts for step TEST must be between 1 and 10, got 11");
    }

    @Test
    void anAttemptLimitBelowOneIsRefusedNamingTheStep() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withMaxAttempts(Step.CI_CHECKS, 0))
                .withMessageContaining("CI_CHECKS");
    }

    @Test
    void limitsFromOneToTenAreAccepted() {
        assertThat(defaults.withMaxAttempts(Step.BUILD, 1).maxAttempts(Step.BUILD)).isEqualTo(1);
        assertThat(defaults.withMaxAttempts(Step.BUILD, 10).maxAttempts(Step.BUILD)).isEqualTo(10);
    }

    @Test
    void durationsMustBePositiveAndTheReminderMustComeBeforeTheTimeout() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withStepTimeout(Step.PUSH, Duration.ZERO))
                .withMessageContaining("stepTimeouts for step PUSH must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withHumanWait(Duration.ofHours(1), Duration.ofHours(1)))
                .withMessageContaining("reminderBeforeTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withBackoff(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .withMessageContaining("backoffMax");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withDeletionThreshold(-1))
                .withMessageContaining("deletionThreshold");
    }

    @Test
    void theLimitsMapIsCopiedSoLaterChangesDoNotLeakIn() {
        var limits = new java.util.EnumMap<Step, Integer>(Map.of(Step.TEST, 5));
        WorkflowConfig config = new WorkflowConfig(Mode.DEV, limits, Map.of(), Duration.ofDays(3), Duration.ofDays(1),
                Duration.ofDays(7), Duration.ofSeconds(30), Duration.ofMinutes(10), 500);
        limits.put(Step.TEST, 9);

        assertThat(config.maxAttempts(Step.TEST)).isEqualTo(5);
    }
}
