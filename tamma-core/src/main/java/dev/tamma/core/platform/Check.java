package dev.tamma.core.platform;

import java.util.Objects;

/** One check run or commit status on a commit, reduced to what Tamma acts on. */
public record Check(String name, CiState state, String url) {

    public Check {
        name = Checks.notBlank(name, "check name");
        Objects.requireNonNull(state, "check state");
        url = Objects.requireNonNullElse(url, "");
    }
}
