package dev.tamma.orchestrator.webhook;

import dev.tamma.core.webhook.Platform;
import dev.tamma.core.webhook.WebhookEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** The {@code webhook_inbox} table: verified deliveries, each stored once. */
@Repository
public class WebhookInbox {

    /**
     * A stored delivery waiting to be consumed.
     *
     * @param traceparent the trace of its intake, which consuming it continues; null when tracing was off
     */
    public record Pending(long id, String repository, List<WebhookEvent> events, String traceparent) {
    }

    private static final Map<String, Class<?>> TYPES = Arrays.stream(WebhookEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, c -> c));

    static final int MAX_ATTEMPTS = 5;

    private final JdbcClient jdbcClient;
    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public WebhookInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc; // batches need the template; the rest reads better through the client
        this.jdbcClient = JdbcClient.create(jdbc);
    }

    /**
     * A verified delivery to store.
     *
     * @param traceparent the trace its processing continues; null when tracing is off
     */
    public record NewDelivery(Platform platform, String deliveryId, String bodySha256, String repository,
            List<WebhookEvent> events, String contentType, byte[] body, String traceparent) {

        /** What makes two deliveries the same one (the table's unique key). */
        String key() {
            return platform.id() + "\n" + deliveryId;
        }
    }

    /**
     * Inserts deliveries in the caller's transaction, in one round trip; for each, whether it was
     * stored (false: the same delivery of the same platform is stored already).
     */
    public boolean[] insert(List<NewDelivery> deliveries) {
        List<Object[]> rows = new ArrayList<>(deliveries.size());
        for (NewDelivery d : deliveries) {
            rows.add(new Object[] {d.platform().id(), d.deliveryId(), d.bodySha256(), d.repository(),
                d.events().stream().map(e -> e.getClass().getSimpleName()).toArray(String[]::new),
                encode(d.events()), d.contentType(), d.body(), d.traceparent()});
        }
        int[] counts = jdbc.batchUpdate("""
                INSERT INTO webhook_inbox (platform, delivery_id, body_sha256, repository, event_types, events,
                                           content_type, body, traceparent)
                VALUES (?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT webhook_inbox_once DO NOTHING
                """, rows);
        boolean[] stored = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            stored[i] = counts[i] == 1;
        }
        return stored;
    }

    private String encode(List<WebhookEvent> events) {
        ArrayNode encoded = json.createArrayNode();
        for (WebhookEvent event : events) {
            encoded.addObject().put("type", event.getClass().getSimpleName()).set("event", json.valueToTree(event));
        }
        return json.writeValueAsString(encoded);
    }

    /** The oldest unconsumed delivery, locked for the rest of the transaction. */
    public Optional<Pending> lockOldestPending() {
        return jdbcClient.sql("""
                SELECT id, repository, events::text, traceparent FROM webhook_inbox
                 WHERE processed_at IS NULL AND attempts < ?
                 ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1
                """)
                .param(MAX_ATTEMPTS)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), decode(rs.getString(3)),
                        rs.getString(4)))
                .optional();
    }

    /** Notes a failed try; after {@value #MAX_ATTEMPTS} the delivery is left for a person to look at. */
    public void markFailed(long id, String error) {
        jdbcClient.sql("UPDATE webhook_inbox SET attempts = attempts + 1, last_error = ? WHERE id = ?").params(error, id)
                .update();
    }

    public void markProcessed(long id) {
        jdbcClient.sql("UPDATE webhook_inbox SET processed_at = now() WHERE id = ?").param(id).update();
    }

    private List<WebhookEvent> decode(String events) {
        List<WebhookEvent> decoded = new ArrayList<>();
        for (JsonNode node : json.readTree(events)) {
            Class<?> type = TYPES.get(node.path("type").asString());
            if (type == null) {
                throw new IllegalStateException("Unknown webhook event type in the inbox: " + node.path("type"));
            }
            decoded.add((WebhookEvent) json.treeToValue(node.path("event"), type));
        }
        return decoded;
    }
}
