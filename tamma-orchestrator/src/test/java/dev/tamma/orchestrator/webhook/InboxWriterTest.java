package dev.tamma.orchestrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.webhook.Actor;
import dev.tamma.core.webhook.Delivery;
import dev.tamma.core.webhook.Platform;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.orchestrator.metrics.MetricNames;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit in the webhook inbox, against the real table: the writes are held up by a lock
 * another transaction holds on the table, so deliveries pile up as they would under load.
 */
@TammaSpringTest
class InboxWriterTest {

    @Autowired
    WebhookInbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<Thread> storeThreads = new ArrayList<>();
    private InboxWriter writer;
    private Connection lockHolder;
    private final String repository = "octo-org/inbox-" + UUID.randomUUID();

    @BeforeEach
    void start() {
        writer = new InboxWriter(inbox, transactions, metrics);
        writer.start();
    }

    @AfterEach
    void stop() throws Exception {
        unlock();
        writer.stop();
        jdbc.sql("UPDATE webhook_inbox SET processed_at = now() WHERE repository LIKE ? AND processed_at IS NULL")
                .param(repository + "%").update(); // the database is shared with other tests' services
    }

    @Test
    void deliveriesArrivingWhileAWriteIsHeldUpShareTheNextCommits() throws Exception {
        lockTheInbox();
        List<FutureTask<Boolean>> stores = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            stores.add(storeInBackground(delivery(UUID.randomUUID().toString(), repository)));
        }
        awaitAllWaiting(stores);
        unlock();

        for (FutureTask<Boolean> store : stores) {
            assertThat(store.get()).as("stored").isTrue();
        }
        assertThat(rows()).isEqualTo(40);
        DistributionSummary writes = metrics.get(MetricNames.WEBHOOK_INBOX_WRITES).summary();
        assertThat(writes.totalAmount()).isEqualTo(40);
        // one held-up write per writer, then what queued meanwhile in at most one more each
        assertThat(writes.count()).isLessThanOrEqualTo(2L * InboxWriter.WRITERS);
    }

    @Test
    void theSameDeliveryQueuedTenTimesAtOnceIsStoredOnceAndNineTimesAnsweredAsDuplicate() throws Exception {
        lockTheInbox();
        String id = UUID.randomUUID().toString();
        List<FutureTask<Boolean>> stores = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stores.add(storeInBackground(delivery(id, repository)));
        }
        awaitAllWaiting(stores);
        unlock();

        int stored = 0;
        for (FutureTask<Boolean> store : stores) {
            stored += store.get() ? 1 : 0;
        }
        assertThat(stored).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aDeliveryTheDatabaseRefusesFailsAloneAndTheOthersInItsWriteAreStored() throws Exception {
        lockTheInbox();
        List<FutureTask<Boolean>> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(storeInBackground(delivery(UUID.randomUUID().toString(), repository)));
        }
        // PostgreSQL refuses a NUL character in text, so this row fails whatever write it is in
        FutureTask<Boolean> bad = storeInBackground(delivery(UUID.randomUUID().toString(), repository + "\u0000"));
        List<FutureTask<Boolean>> all = new ArrayList<>(good);
        all.add(bad);
        awaitAllWaiting(all);
        unlock();

        for (FutureTask<Boolean> store : good) {
            assertThat(store.get()).isTrue();
        }
        assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InboxWriter.Unavailable.class)
                .hasMessageContaining("could not store");
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void stoppingWritesWhatIsWaitingAndThenRefusesNewDeliveries() throws Exception {
        lockTheInbox();
        List<FutureTask<Boolean>> stores = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stores.add(storeInBackground(delivery(UUID.randomUUID().toString(), repository)));
        }
        awaitAllWaiting(stores);
        FutureTask<Void> stopping = new FutureTask<>(() -> {
            writer.stop();
            return null;
        });
        Thread.ofVirtual().start(stopping);
        await().atMost(Duration.ofSeconds(5)).until(() -> !writer.isRunning());
        unlock();
        stopping.get();

        for (FutureTask<Boolean> store : stores) {
            assertThat(store.get()).isTrue();
        }
        assertThat(rows()).isEqualTo(3);
        assertThatThrownBy(() -> writer.store(delivery(UUID.randomUUID().toString(), repository)))
                .isInstanceOf(InboxWriter.Unavailable.class).hasMessageContaining("stopping");
    }

    private FutureTask<Boolean> storeInBackground(WebhookInbox.NewDelivery delivery) {
        FutureTask<Boolean> task = new FutureTask<>(() -> writer.store(delivery));
        storeThreads.add(Thread.ofVirtual().start(task));
        return task;
    }

    /** Every delivery so far is queued or in a held-up write: its thread waits for the commit. */
    private void awaitAllWaiting(List<FutureTask<Boolean>> stores) {
        await().atMost(Duration.ofSeconds(10)).until(() -> storeThreads.size() == stores.size()
                && storeThreads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
    }

    private void lockTheInbox() throws Exception {
        lockHolder = dataSource.getConnection();
        lockHolder.setAutoCommit(false);
        try (Statement s = lockHolder.createStatement()) {
            s.execute("LOCK TABLE webhook_inbox IN SHARE MODE"); // inserts wait; reads do not
        }
    }

    private void unlock() throws Exception {
        if (lockHolder != null) {
            lockHolder.rollback();
            lockHolder.close();
            lockHolder = null;
        }
    }

    private int rows() {
        return jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE repository LIKE ?").param(repository + "%")
                .query(Integer.class).single();
    }

    private static WebhookInbox.NewDelivery delivery(String id, String repository) {
        Delivery delivery = new Delivery(Platform.GITHUB, id, repository, new Actor("maria", false));
        // not the trigger label: whichever service's consumer reads these rows, they start nothing
        WebhookEvent event = new WebhookEvent.IssueLabeled(delivery, 42, "inbox-test", List.of("inbox-test"));
        return new WebhookInbox.NewDelivery(Platform.GITHUB, id, "0".repeat(64), repository, List.of(event),
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
    }
}
