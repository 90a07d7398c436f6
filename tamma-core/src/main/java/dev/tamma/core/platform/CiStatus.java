package dev.tamma.core.platform;

import java.util.List;
import java.util.Objects;

/**
 * The checks and statuses of a commit combined: FAILURE if any failed, else PENDING if any is still
 * running, else SUCCESS. A commit with no checks at all is PENDING, because CI may not have started.
 */
public record CiStatus(String sha, CiState state, List<Check> checks) {

    public CiStatus {
        sha = Checks.notBlank(sha, "commit sha");
        Objects.requireNonNull(state, "state");
        checks = Checks.copy(checks);
    }

    public static CiStatus combine(String sha, List<Check> checks) {
        List<Check> all = Checks.copy(checks);
        CiState state;
        if (all.stream().anyMatch(c -> c.state() == CiState.FAILURE)) {
            state = CiState.FAILURE;
        } else if (all.isEmpty() || all.stream().anyMatch(c -> c.state() == CiState.PENDING)) {
            state = CiState.PENDING;
        } else {
            state = CiState.SUCCESS;
        }
        return new CiStatus(sha, state, all);
    }

    /** The checks that failed, with their names and links, for the fix attempt and the comment. */
    public List<Check> failing() {
        return checks.stream().filter(c -> c.state() == CiState.FAILURE).toList();
    }
}
