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

    /** A sink for {@link EventStore#forEach}; close the returned writer to flush it. */
    public static Sink to(Writer out, Format format) {
        return format == Format.JSONL ? new JsonLines(out) : new Csv(out);
    }

    /** Receives events one by one and writes them; {@link #close()} finishes the output. */
    public sealed interface Sink extends Consumer<StoredEvent>, AutoCloseable permits JsonLines, Csv {
        long written();

        @Override
        void close();
    }

    private static final class JsonLines implements Sink {
        private final JsonMapper json = JsonMapper.builder().build();
        private final Writer out;
        private long written;

        JsonLines(Writer out) {
            this.out = out;
        }

        @Override
        public void accept(StoredEvent e) {
            ObjectNode node = json.createObjectNode();
            node.put("global_position", e.globalPosition());
            node.put("stream_id", e.streamId());
            node.put("stream_version", e.streamVersion());
            node.put("event_id", e.eventId().toString());
            node.put("type", e.type());
            node.put("schema_version", e.schemaVersion());
            node.put("occurred_at", e.occurredAt().toString());
            node.put("actor", e.actor());
            node.put("correlation_id", e.correlationId() == null ? null : e.correlationId().toString());
            node.put("causation_id", e.causationId() == null ? null : e.causationId().toString());
            node.set("payload", json.readTree(e.payload()));
            node.put("previous_hash", e.previousHash());
            node.put("hash", e.hash());
            try {
                out.write(json.writeValueAsString(node));
                out.write('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            written++;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public void close() {
            try {
                out.flush();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static final class Csv implements Sink {
        private final CSVPrinter rows;
        private long written;

        Csv(Writer out) {
            try {
                this.rows = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get().print(out);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void accept(StoredEvent e) {
            try {
                rows.printRecord(e.globalPosition(), e.streamId(), e.streamVersion(), e.eventId().toString(),
                        e.type(), e.schemaVersion(), e.occurredAt().toString(), e.actor(),
                        e.correlationId() == null ? "" : e.correlationId().toString(),
                        e.causationId() == null ? "" : e.causationId().toString(), e.payload(), e.previousHash(),
                        e.hash());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            written++;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public void close() {
            try {
                rows.close(true);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
