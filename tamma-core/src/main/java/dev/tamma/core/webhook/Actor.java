package dev.tamma.core.webhook;

import java.util.Objects;

/**
 * A platform account. {@code login} is the handle the platform shows ({@code octocat}, a GitLab
 * username, an Azure DevOps unique name); {@code bot} is true when the platform marks the account
 * as an app or bot, so the orchestrator can ignore automated comments without a name list.
 */
public record Actor(String login, boolean bot) {

    /** Someone the platform did not name (a payload without a sender). */
    public static final Actor UNKNOWN = new Actor("", false);

    public Actor {
        login = Objects.requireNonNullElse(login, "");
    }

    /** A person (or an account the platform does not mark as a bot). */
    public static Actor user(String login) {
        return new Actor(login, false);
    }

    public boolean isKnown() {
        return !login.isEmpty();
    }
}
