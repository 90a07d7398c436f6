package dev.tamma.platforms.contract;

import static dev.tamma.platforms.contract.World.ISSUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import dev.tamma.core.workflow.FailureCause;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract plus what only HTTP platforms do: refuse tokens and limit rates. */
public abstract class RestPlatformContract extends GitPlatformContract {

    /** The reset time the RATE_LIMITED stubs announce. */
    public static final Instant RATE_LIMIT_RESET = Instant.ofEpochSecond(1_790_000_000L);

    /** The token the client under test sends; it must never appear in an error. */
    protected abstract String token();

    @Override
    protected final boolean statefulWorld() {
        return false;
    }

    @Test
    void aRefusedTokenIsAStructuralFailureWithoutTheToken() {
        given(Scenario.UNAUTHORIZED);
        assertThatThrownBy(() -> platform().issue(ISSUE)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(e.failureCause()).isEqualTo(FailureCause.STRUCTURAL);
            assertThat(e.getMessage()).doesNotContain(token());
        });
    }

    @Test
    void aSpentRateLimitSaysWhenToRetry() {
        given(Scenario.RATE_LIMITED);
        assertThatThrownBy(() -> platform().issue(ISSUE)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.failureCause()).isEqualTo(FailureCause.TRANSIENT);
            assertThat(e.retryAt()).contains(RATE_LIMIT_RESET);
        });
    }
}
