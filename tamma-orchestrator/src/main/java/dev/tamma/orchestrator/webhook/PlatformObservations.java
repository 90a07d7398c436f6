package dev.tamma.orchestrator.webhook;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code platform_observation} table: makes a fact that may arrive several times (a webhook
 * redelivered under a new id, the same comment by webhook and by polling, one CI verdict per check)
 * have one effect. Recorded in the caller's transaction, so a rolled back handling leaves it unseen.
 */
@Repository
public class PlatformObservations {

    private final JdbcClient jdbc;

    public PlatformObservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code key} for {@code repository}; true the first time only. */
    public boolean firstSighting(String repository, String key) {
        return jdbc.sql("INSERT INTO platform_observation (repository, key) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(repository.toLowerCase(Locale.ROOT), key).update() == 1;
    }
}
