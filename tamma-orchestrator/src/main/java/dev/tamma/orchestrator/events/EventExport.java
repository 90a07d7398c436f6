package dev.tamma.orchestrator.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes events as JSON lines (payload as a JSON object) or CSV (payload as a JSON string column). */
public final class EventExport {

    public enum Format {
        JSONL, CSV;

        public static Format parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown export format '" + value + "'; use jsonl or csv");
            }
        }
    }

    private static final String[] COLUMNS = {"global_position", "stream_id", "stream_version", "event_id", "type",
        "schema_version", "occurred_at", "actor", "correlation_id", "causation_id", "payload", "previous_hash",
        "hash"};

    private EventExport() {
    }

    /** A sink for {@link EventStore#forEach}; close it to flush the output. */
    public static Sink to(Writer out, Format format) {
        return format == Format.JSONL ? jsonLines(out) : csv(out);
    }

    /** Receives events one by one and writes them; counts what it wrote. */
    public static final class Sink implements Consumer<StoredEvent>, AutoCloseable {
        private final IoConsumer<StoredEvent> row;
        private final IoAction finish;
        private long written;

        private Sink(IoConsumer<StoredEvent> row, IoAction finish) {
            this.row = row;
            this.finish = finish;
        }

        @Override
        public void accept(StoredEvent event) {
            try {
                row.accept(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written++;
        }

        public long written() {
            return written;
        }

        @Override
        public void close() {
            try {
                finish.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static Sink jsonLines(Writer out) {
        JsonMapper json = JsonMapper.builder().build();
        return new Sink(e -> {
            ObjectNode node = json.createObjectNode();
            node.put("global_position", e.globalPosition());
            node.put("stream_id", e.streamId());
            node.put("stream_version", e.streamVersion());
            node.put("event_id", e.eventId().toString());
            node.put("type", e.type());
            node.put("schema_version", e.schemaVersion());
            node.put("occurred_at", e.occurredAt().toString());
            node.put("actor", e.actor());
            node.put("correlation_id", text(e.correlationId()));
            node.put("causation_id", text(e.causationId()));
            node.set("payload", json.readTree(e.payload()));
            node.put("previous_hash", e.previousHash());
            node.put("hash", e.hash());
            out.write(json.writeValueAsString(node));
            out.write('\n');
        }, out::flush);
    }

    private static Sink csv(Writer out) {
        CSVPrinter rows;
        try {
            rows = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sink(e -> rows.printRecord(e.globalPosition(), e.streamId(), e.streamVersion(), e.eventId(),
                e.type(), e.schemaVersion(), e.occurredAt(), e.actor(), orEmpty(e.correlationId()),
                orEmpty(e.causationId()), e.payload(), e.previousHash(), e.hash()), () -> rows.close(true));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
