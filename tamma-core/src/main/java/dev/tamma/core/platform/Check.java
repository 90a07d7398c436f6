package dev.tamma.core.platform;

import java.util.Objects;

/**
 * One check run or commit status on a commit, reduced to what Tamma acts on. {@code id} is the
 * platform's id for it where its log can be asked for later (a GitHub check run, a GitLab job), and
 * empty where there is none (a commit status, plain Git).
 */
public record Check(String name, CiState state, String url, String id) {

    public Check {
        name = Checks.notBlank(name, "check name");
        Objects.requireNonNull(state, "check state");
        url = Objects.requireNonNullElse(url, "");
        id = Objects.requireNonNullElse(id, "");
    }

    /** A check the platform gives no id for. */
    public Check(String name, CiState state, String url) {
        this(name, state, url, "");
    }
}
