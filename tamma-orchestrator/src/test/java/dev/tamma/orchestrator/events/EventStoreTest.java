package dev.tamma.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@TammaSpringTest
class EventStoreTest {

    @Autowired
    EventStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    @Test
    void appendedEventsComeBackInOrderWithVersionsPositionsAndAChain() {
        String stream = newStream();
        List<StoredEvent> stored = store.append(stream, 0, List.of(
                event("StepStarted", "{\"step\":\"ANALYZE\",\"attempt\":1}", T0),
                event("StepSucceeded", "{\"step\":\"ANALYZE\"}", T0.plusSeconds(1))));

        List<StoredEvent> read = store.readStream(stream);
        assertThat(read).isEqualTo(stored);
        assertThat(read).extracting(StoredEvent::streamVersion).containsExactly(1, 2);
        assertThat(read.get(1).globalPosition()).isGreaterThan(read.get(0).globalPosition());
        assertThat(read.get(1).previousHash()).isEqualTo(read.get(0).hash());
        assertThat(read.get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123Z"));
        assertThat(json.readTree(read.get(0).payload())).isEqualTo(json.readTree("{\"attempt\":1,\"step\":\"ANALYZE\"}"));
        assertThat(store.version(stream)).isEqualTo(2);
        assertThat(store.version(newStream())).isZero();
    }

    @Test
    void updateDeleteAndTruncateAreRefusedByTheDatabase() {
        String stream = newStream();
        store.append(stream, 0, List.of(event("A", "{}", T0)));

        assertThatThrownBy(() -> jdbc.update("UPDATE event SET actor = 'mallory' WHERE stream_id = ?", stream))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: UPDATE is refused");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM event WHERE stream_id = ?", stream))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: DELETE is refused");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE event"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: TRUNCATE is refused");
        assertThat(store.readStream(stream)).singleElement().extracting(StoredEvent::actor).isEqualTo("tamma");
    }

    @Test
    void ofTwoConcurrentWritersWithTheSameExpectedVersionExactlyOneWins() throws Exception {
        String stream = newStream();
        store.append(stream, 0, List.of(event("Started", "{}", T0)));
        CountDownLatch go = new CountDownLatch(1);
        Callable<String> writer = () -> {
            go.await();
            try {
                store.append(stream, 1, List.of(event("Next", "{\"by\":\"" + Thread.currentThread().getName() + "\"}", T0)));
                return "won";
            } catch (ConcurrencyConflictException e) {
                return "conflict";
            }
        };
        List<String> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<String> a = pool.submit(writer);
            Future<String> b = pool.submit(writer);
            go.countDown();
            outcomes.add(a.get());
            outcomes.add(b.get());
        }

        assertThat(outcomes).containsExactlyInAnyOrder("won", "conflict");
        assertThat(store.readStream(stream)).extracting(StoredEvent::streamVersion).containsExactly(1, 2);
        // the loser retries on the version it reads now
        store.append(stream, store.version(stream), List.of(event("Retried", "{}", T0)));
        assertThat(store.version(stream)).isEqualTo(3);
    }

    @Test
    void aStaleExpectedVersionIsAConflictAndStoresNothing() {
        String stream = newStream();
        store.append(stream, 0, List.of(event("A", "{}", T0), event("B", "{}", T0)));

        assertThatThrownBy(() -> store.append(stream, 1, List.of(event("C", "{}", T0))))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining(stream).hasMessageContaining("version 1");
        assertThatThrownBy(() -> store.append(stream, 5, List.of(event("C", "{}", T0))))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store.version(stream)).isEqualTo(2);
    }

    @Test
    void aBatchIsStoredWholeOrNotAtAll() {
        String stream = newStream();
        assertThatThrownBy(() -> store.append(stream, 0, List.of(
                event("A", "{}", T0), event("B", "{}", T0), event("C", "not json", T0))))
                .isInstanceOf(DataAccessException.class);
        assertThat(store.readStream(stream)).isEmpty();
    }

    @Test
    void aFailingProjectionRollsTheAppendBack() {
        String stream = newStream();
        EventStore withFailingProjection = new EventStore(jdbc,
                List.of((id, version, appending) -> { throw new IllegalStateException("read model refused"); }),
                new Upcasters(List.of(), json));

        assertThatThrownBy(() -> transactions.executeWithoutResult(
                tx -> withFailingProjection.append(stream, 0, List.of(event("A", "{}", T0)))))
                .hasMessageContaining("read model refused");
        assertThat(store.readStream(stream)).isEmpty();
    }

    @Test
    void projectionsSeeTheEventsInsideTheTransactionBeforeTheyAreInserted() {
        String stream = newStream();
        store.append(stream, 0, List.of(event("A", "{}", T0)));
        List<String> seen = new ArrayList<>();
        EventStore projecting = new EventStore(jdbc, List.of((id, expectedVersion, appending) -> {
            seen.add(id + "@" + expectedVersion + ":" + appending.getFirst().type());
            // not inserted yet: the projection's work stays outside the log's append lock
            seen.add("events now: " + jdbc.queryForObject("SELECT count(*) FROM event WHERE stream_id = ?",
                    Long.class, id));
        }), new Upcasters(List.of(), json));

        transactions.execute(tx -> projecting.append(stream, 1, List.of(event("B", "{}", T0))));
        assertThat(seen).containsExactly(stream + "@1:B", "events now: 1");
        assertThat(store.readStream(stream)).extracting(StoredEvent::type).containsExactly("A", "B");
    }

    @Test
    void readsFollowTheLogAndStopAtAnInstant() {
        String stream = newStream();
        List<StoredEvent> stored = store.append(stream, 0, List.of(
                event("A", "{}", T0), event("B", "{}", T0.plusSeconds(60)), event("C", "{}", T0.plusSeconds(120))));

        assertThat(store.readStreamUntil(stream, T0.plusSeconds(60))).extracting(StoredEvent::type)
                .containsExactly("A", "B");
        assertThat(store.readAfter(stored.get(0).globalPosition(), 10)).extracting(StoredEvent::eventId)
                .startsWith(stored.get(1).eventId(), stored.get(2).eventId());
    }

    @Test
    void oldSchemaVersionsAreUpcastOnReadAndTheLogIsLeftAsWritten() {
        String stream = newStream();
        store.append(stream, 0, List.of(event("CommentPosted", "{\"text\":\"hi\"}", T0)));
        Upcaster renameText = new Upcaster() {
            public String type() { return "CommentPosted"; }
            public int fromVersion() { return 1; }
            public ObjectNode upcast(ObjectNode p) { return p.put("body", p.remove("text").asString()); }
        };
        Upcaster addFormat = new Upcaster() {
            public String type() { return "CommentPosted"; }
            public int fromVersion() { return 2; }
            public ObjectNode upcast(ObjectNode p) { return p.put("format", "markdown"); }
        };
        EventStore upcasting = new EventStore(jdbc, List.of(), new Upcasters(List.of(addFormat, renameText), json));

        StoredEvent read = upcasting.readStream(stream).getFirst();
        assertThat(read.schemaVersion()).isEqualTo(3);
        assertThat(json.readTree(read.payload())).isEqualTo(json.readTree("{\"body\":\"hi\",\"format\":\"markdown\"}"));
        assertThat(store.readStream(stream).getFirst().schemaVersion()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingIt() {
        assertThatThrownBy(() -> event("two\nlines", "{}", T0)).hasMessageContaining("type");
        assertThatThrownBy(() -> store.append("a\nb", 0, List.of(event("A", "{}", T0)))).hasMessageContaining("streamId");
        assertThatThrownBy(() -> store.append(newStream(), -1, List.of())).hasMessageContaining("expectedVersion");
    }

    static NewEvent event(String type, String payload, Instant at) {
        return NewEvent.of(type, 1, at, "tamma", payload);
    }

    static String newStream() {
        return "workflow-" + UUID.randomUUID();
    }
}
