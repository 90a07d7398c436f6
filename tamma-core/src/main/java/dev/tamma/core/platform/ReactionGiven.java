package dev.tamma.core.platform;

import java.time.Instant;
import java.util.Objects;

/** Someone's reaction to a comment (a thumbs-up on Tamma's plan, say). */
public record ReactionGiven(String user, Reaction reaction, Instant at) {

    public ReactionGiven {
        Checks.notBlank(user, "user");
        Objects.requireNonNull(reaction, "reaction");
        Objects.requireNonNull(at, "at");
    }
}
