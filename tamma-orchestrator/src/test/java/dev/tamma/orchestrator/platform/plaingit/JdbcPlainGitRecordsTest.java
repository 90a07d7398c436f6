package dev.tamma.orchestrator.platform.plaingit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Plain Git's records in PostgreSQL: read back as written, per repository, and safe under concurrent writers. */
@TammaSpringTest
class JdbcPlainGitRecordsTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00.123Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private JdbcPlainGitRecords records(String repository) {
        return new JdbcPlainGitRecords(jdbc, transactions, repository);
    }

    private static String newRepository() {
        return "acme/" + UUID.randomUUID();
    }

    private static Issue issue(long number, String title, List<String> labels) {
        return new Issue(number, title, "", true, labels, List.of(), "alice", "");
    }

    @Test
    void whatOneInstanceWroteAFreshOneReadsBackAsWritten() {
        String repository = newRepository();
        JdbcPlainGitRecords writer = records(repository);
        Issue issue = new Issue(writer.nextNumber(), "Login fails", "Passwords over 72 bytes", true,
                List.of("bug", "tamma"), List.of("tamma"), "alice", "");
        writer.saveIssue(issue);
        PullRequest pr = new PullRequest(writer.nextNumber(), "Fix login", "Closes #1", "tamma/1-fix-login", "main",
                PullRequestState.OPEN, true, "0123456789abcdef0123456789abcdef01234567", "");
        writer.savePullRequest(pr);
        Comment comment = new Comment(writer.nextCommentId(), "alice", "/tamma approve", T, T.plusSeconds(5), "");
        writer.saveComment(issue.number(), comment);
        ReactionGiven eyes = new ReactionGiven("tamma", Reaction.EYES, T.plusSeconds(1));
        writer.saveReaction(comment.id(), eyes);
        ReviewComment onALine = new ReviewComment(writer.nextCommentId(), "t1", "alice", "Rename this", "src/A.java",
                Optional.of(3), T, false);
        ReviewComment onTheFile = new ReviewComment(writer.nextCommentId(), "t2", "bob", "Split this file", "src/B.java",
                Optional.empty(), T.plusMillis(1), true);
        writer.saveReviewComment(pr.number(), onALine);
        writer.saveReviewComment(pr.number(), onTheFile);

        // a new instance holds nothing in memory: what a restarted service or another replica sees
        JdbcPlainGitRecords reader = records(repository);

        assertThat(issue.number()).isEqualTo(1);
        assertThat(pr.number()).isEqualTo(2);
        assertThat(comment.id()).isEqualTo(1001);
        assertThat(reader.issue(issue.number())).contains(issue);
        assertThat(reader.issues()).containsExactly(issue);
        assertThat(reader.pullRequest(pr.number())).contains(pr);
        assertThat(reader.pullRequests()).containsExactly(pr);
        assertThat(reader.comments(issue.number())).containsExactly(comment);
        assertThat(reader.reactions(comment.id())).containsExactly(eyes);
        assertThat(reader.reviewComments(pr.number())).containsExactly(onALine, onTheFile);
        assertThat(reader.nextNumber()).isEqualTo(3);
        assertThat(reader.nextCommentId()).isEqualTo(1004);
    }

    @Test
    void eachRepositoryHasItsOwnNumbersAndSeesOnlyItsOwnRecords() {
        JdbcPlainGitRecords shop = records(newRepository());
        JdbcPlainGitRecords blog = records(newRepository());

        assertThat(shop.nextNumber()).isEqualTo(1);
        assertThat(blog.nextNumber()).isEqualTo(1);
        shop.saveIssue(issue(1, "In the shop", List.of()));
        blog.saveIssue(issue(1, "In the blog", List.of()));
        shop.saveComment(1, new Comment(shop.nextCommentId(), "alice", "shop only", T, T, ""));

        assertThat(shop.issue(1)).map(Issue::title).contains("In the shop");
        assertThat(blog.issues()).extracting(Issue::title).containsExactly("In the blog");
        assertThat(blog.comments(1)).isEmpty();
        assertThat(shop.comments(1)).hasSize(1);
    }

    private record Taken(List<Long> numbers, List<Long> commentIds) {
    }

    @Test
    void concurrentWritersNeverGetTheSameNumber() throws Exception {
        String repository = newRepository();
        List<Taken> taken = all(8, () -> {
            JdbcPlainGitRecords replica = records(repository);
            Taken mine = new Taken(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 25; i++) {
                mine.numbers().add(replica.nextNumber());
                mine.commentIds().add(replica.nextCommentId());
            }
            return mine;
        });

        assertThat(taken.stream().flatMap(t -> t.numbers().stream())).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(taken.stream().flatMap(t -> t.commentIds().stream())).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1001, 1200).boxed().toList());
    }

    @Test
    void concurrentLabelChangesAllLand() throws Exception {
        String repository = newRepository();
        records(repository).saveIssue(issue(1, "Busy issue", List.of()));
        int[] next = {0};
        all(8, () -> {
            String label;
            synchronized (next) {
                label = "label-" + next[0]++;
            }
            return records(repository).updateIssue(1, i -> {
                List<String> labels = new ArrayList<>(i.labels());
                labels.add(label);
                return new Issue(i.number(), i.title(), i.body(), i.open(), labels, i.assignees(), i.author(), i.url());
            });
        });

        assertThat(records(repository).issue(1).orElseThrow().labels()).containsExactlyInAnyOrder(
                "label-0", "label-1", "label-2", "label-3", "label-4", "label-5", "label-6", "label-7");
    }

    @Test
    void aRecordSavedWithItsOwnNumberMovesTheCounterPastIt() {
        JdbcPlainGitRecords records = records(newRepository());
        records.saveIssue(issue(41, "Imported", List.of()));
        records.saveReviewComment(41, new ReviewComment(5000, "5000", "alice", "Imported", "a.txt", Optional.empty(), T,
                false));

        assertThat(records.nextNumber()).isEqualTo(42);
        assertThat(records.nextCommentId()).isEqualTo(5001);
    }

    @Test
    void updatingARecordThatDoesNotExistCreatesNothing() {
        JdbcPlainGitRecords records = records(newRepository());
        assertThat(records.updateIssue(9, i -> i)).isEmpty();
        assertThat(records.updatePullRequest(9, pr -> pr)).isEmpty();
        assertThat(records.issues()).isEmpty();
        assertThat(records.pullRequests()).isEmpty();
    }

    /** Runs {@code task} on {@code threads} threads released at the same instant; their results. */
    private static <T> List<T> all(int threads, Callable<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
