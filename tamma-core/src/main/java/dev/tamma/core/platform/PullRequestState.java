package dev.tamma.core.platform;

public enum PullRequestState {
    OPEN, CLOSED, MERGED
}
