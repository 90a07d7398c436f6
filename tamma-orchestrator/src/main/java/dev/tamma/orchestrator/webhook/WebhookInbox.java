package dev.tamma.orchestrator.webhook;

import dev.tamma.core.webhook.Platform;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_inbox} table: verified deliveries, each stored once. */
@Repository
public class WebhookInbox {

    private final JdbcClient jdbc;

    public WebhookInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a delivery; false when the same delivery of the same platform is stored already. */
    public boolean store(Platform platform, String deliveryId, String bodySha256, String repository,
            List<String> eventTypes, String contentType, byte[] body) {
        return jdbc.sql("""
                INSERT INTO webhook_inbox (platform, delivery_id, body_sha256, repository, event_types, content_type, body)
                VALUES (?, ?, ?, ?, ?::text[], ?, ?)
                ON CONFLICT ON CONSTRAINT webhook_inbox_once DO NOTHING
                """)
                .params(platform.id(), deliveryId, bodySha256, repository, eventTypes.toArray(String[]::new),
                        contentType, body)
                .update() == 1;
    }
}
