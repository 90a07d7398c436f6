package dev.tamma.orchestrator.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Applies the chain of {@link Upcaster}s that brings an old event to its type's newest version. */
@Component
public class Upcasters {

    private final Map<String, Upcaster> byTypeAndVersion = new HashMap<>();
    private final JsonMapper json;

    public Upcasters(List<Upcaster> upcasters, JsonMapper json) {
        this.json = json;
        for (Upcaster u : upcasters) {
            Upcaster clash = byTypeAndVersion.put(key(u.type(), u.fromVersion()), u);
            if (clash != null) {
                throw new IllegalStateException("Two upcasters for " + u.type() + " v" + u.fromVersion()
                        + ": " + clash.getClass().getName() + " and " + u.getClass().getName());
            }
        }
    }

    StoredEvent upcast(StoredEvent event) {
        Upcaster next = byTypeAndVersion.get(key(event.type(), event.schemaVersion()));
        if (next == null) {
            return event;
        }
        ObjectNode payload = (ObjectNode) json.readTree(event.payload());
        int version = event.schemaVersion();
        while (next != null) {
            payload = next.upcast(payload);
            version++;
            next = byTypeAndVersion.get(key(event.type(), version));
        }
        return event.withPayload(version, json.writeValueAsString(payload));
    }

    private static String key(String type, int version) {
        return type + "@" + version;
    }
}
