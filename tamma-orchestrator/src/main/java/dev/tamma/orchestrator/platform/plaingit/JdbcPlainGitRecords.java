package dev.tamma.orchestrator.platform.plaingit;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.platforms.plaingit.PlainGitRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One plain-Git repository's issues, pull requests, comments, reactions and review comments in
 * Tamma's database ({@code plain_git_*}, Flyway V8), so they survive restarts and are shared by
 * every replica. Numbers come from the repository's counter row, taken under its lock, so two
 * writers never get the same one; an update reads the record {@code FOR UPDATE}, so concurrent
 * label changes both land.
 */
public final class JdbcPlainGitRecords implements PlainGitRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String repository;

    public JdbcPlainGitRecords(JdbcClient jdbc, TransactionTemplate transactions, String repository) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public long nextNumber() {
        return jdbc.sql("""
                INSERT INTO plain_git_counter (repository, last_number) VALUES (?, 1)
                ON CONFLICT (repository) DO UPDATE SET last_number = plain_git_counter.last_number + 1
                RETURNING last_number
                """).param(repository).query(Long.class).single();
    }

    @Override
    public long nextCommentId() {
        return jdbc.sql("""
                INSERT INTO plain_git_counter (repository, last_comment_id) VALUES (?, 1001)
                ON CONFLICT (repository) DO UPDATE SET last_comment_id = plain_git_counter.last_comment_id + 1
                RETURNING last_comment_id
                """).param(repository).query(Long.class).single();
    }

    /** A number or id written from outside the counters (records imported or seeded) moves them past it. */
    private void seen(String counter, long value) {
        jdbc.sql("INSERT INTO plain_git_counter (repository, " + counter + ") VALUES (?, ?) "
                + "ON CONFLICT (repository) DO UPDATE SET " + counter + " = greatest(plain_git_counter." + counter
                + ", excluded." + counter + ")").params(repository, value).update();
    }

    @Override
    public Optional<Issue> issue(long number) {
        return jdbc.sql("SELECT * FROM plain_git_issue WHERE repository = ? AND number = ?").params(repository, number)
                .query(JdbcPlainGitRecords::issue).optional();
    }

    @Override
    public List<Issue> issues() {
        return jdbc.sql("SELECT * FROM plain_git_issue WHERE repository = ? ORDER BY number").param(repository)
                .query(JdbcPlainGitRecords::issue).list();
    }

    @Override
    public void saveIssue(Issue issue) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                    INSERT INTO plain_git_issue (repository, number, title, body, open, labels, assignees, author, url)
                    VALUES (?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?)
                    ON CONFLICT (repository, number) DO UPDATE SET title = excluded.title, body = excluded.body,
                        open = excluded.open, labels = excluded.labels, assignees = excluded.assignees,
                        author = excluded.author, url = excluded.url
                    """).params(repository, issue.number(), issue.title(), issue.body(), issue.open(),
                    issue.labels().toArray(String[]::new), issue.assignees().toArray(String[]::new), issue.author(),
                    issue.url()).update();
            seen("last_number", issue.number());
        });
    }

    @Override
    public Optional<Issue> updateIssue(long number, UnaryOperator<Issue> change) {
        return transactions.execute(tx -> jdbc.sql(
                        "SELECT * FROM plain_git_issue WHERE repository = ? AND number = ? FOR UPDATE")
                .params(repository, number).query(JdbcPlainGitRecords::issue).optional().map(change).map(changed -> {
                    saveIssue(changed);
                    return changed;
                }));
    }

    @Override
    public List<Comment> comments(long issueOrPullRequest) {
        return jdbc.sql("""
                SELECT id, author, body, created_at, updated_at, url FROM plain_git_comment
                 WHERE repository = ? AND number = ? ORDER BY created_at, id
                """).params(repository, issueOrPullRequest)
                .query((rs, n) -> new Comment(rs.getLong("id"), rs.getString("author"), rs.getString("body"),
                        instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("url")))
                .list();
    }

    @Override
    public void saveComment(long issueOrPullRequest, Comment comment) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                    INSERT INTO plain_git_comment (repository, id, number, author, body, created_at, updated_at, url)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (repository, id) DO UPDATE SET number = excluded.number, author = excluded.author,
                        body = excluded.body, created_at = excluded.created_at, updated_at = excluded.updated_at,
                        url = excluded.url
                    """).params(repository, comment.id(), issueOrPullRequest, comment.author(), comment.body(),
                    timestamp(comment.createdAt()), timestamp(comment.updatedAt()), comment.url()).update();
            seen("last_comment_id", comment.id());
        });
    }

    @Override
    public void saveReaction(long commentId, ReactionGiven reaction) {
        jdbc.sql("INSERT INTO plain_git_reaction (repository, comment_id, login, reaction, at) VALUES (?, ?, ?, ?, ?)")
                .params(repository, commentId, reaction.user(), reaction.reaction().name(), timestamp(reaction.at()))
                .update();
    }

    @Override
    public List<ReactionGiven> reactions(long commentId) {
        return jdbc.sql("SELECT login, reaction, at FROM plain_git_reaction WHERE repository = ? AND comment_id = ? ORDER BY id")
                .params(repository, commentId)
                .query((rs, n) -> new ReactionGiven(rs.getString("login"), Reaction.valueOf(rs.getString("reaction")),
                        instant(rs, "at")))
                .list();
    }

    @Override
    public Optional<PullRequest> pullRequest(long number) {
        return jdbc.sql("SELECT * FROM plain_git_pull_request WHERE repository = ? AND number = ?")
                .params(repository, number).query(JdbcPlainGitRecords::pullRequest).optional();
    }

    @Override
    public List<PullRequest> pullRequests() {
        return jdbc.sql("SELECT * FROM plain_git_pull_request WHERE repository = ? ORDER BY number").param(repository)
                .query(JdbcPlainGitRecords::pullRequest).list();
    }

    @Override
    public void savePullRequest(PullRequest pr) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                    INSERT INTO plain_git_pull_request (repository, number, title, body, head, base, state, draft, head_sha, url)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (repository, number) DO UPDATE SET title = excluded.title, body = excluded.body,
                        head = excluded.head, base = excluded.base, state = excluded.state, draft = excluded.draft,
                        head_sha = excluded.head_sha, url = excluded.url
                    """).params(repository, pr.number(), pr.title(), pr.body(), pr.head(), pr.base(), pr.state().name(),
                    pr.draft(), pr.headSha(), pr.url()).update();
            seen("last_number", pr.number());
        });
    }

    @Override
    public Optional<PullRequest> updatePullRequest(long number, UnaryOperator<PullRequest> change) {
        return transactions.execute(tx -> jdbc.sql(
                        "SELECT * FROM plain_git_pull_request WHERE repository = ? AND number = ? FOR UPDATE")
                .params(repository, number).query(JdbcPlainGitRecords::pullRequest).optional().map(change).map(changed -> {
                    savePullRequest(changed);
                    return changed;
                }));
    }

    @Override
    public List<ReviewComment> reviewComments(long pullRequest) {
        return jdbc.sql("SELECT * FROM plain_git_review_comment WHERE repository = ? AND pull_request = ? ORDER BY id")
                .params(repository, pullRequest)
                .query((rs, n) -> new ReviewComment(rs.getLong("id"), rs.getString("thread_id"), rs.getString("author"),
                        rs.getString("body"), rs.getString("path"),
                        Optional.ofNullable(rs.getObject("line", Integer.class)), instant(rs, "created_at"),
                        rs.getBoolean("resolved")))
                .list();
    }

    @Override
    public void saveReviewComment(long pullRequest, ReviewComment c) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                    INSERT INTO plain_git_review_comment (repository, id, pull_request, thread_id, author, body, path,
                                                          line, created_at, resolved)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (repository, id) DO UPDATE SET pull_request = excluded.pull_request,
                        thread_id = excluded.thread_id, author = excluded.author, body = excluded.body,
                        path = excluded.path, line = excluded.line, created_at = excluded.created_at,
                        resolved = excluded.resolved
                    """).params(repository, c.id(), pullRequest, c.threadId(), c.author(), c.body(), c.path(),
                    c.line().orElse(null), timestamp(c.createdAt()), c.resolved()).update();
            seen("last_comment_id", c.id());
        });
    }

    private static Issue issue(ResultSet rs, int row) throws SQLException {
        return new Issue(rs.getLong("number"), rs.getString("title"), rs.getString("body"), rs.getBoolean("open"),
                strings(rs, "labels"), strings(rs, "assignees"), rs.getString("author"), rs.getString("url"));
    }

    private static PullRequest pullRequest(ResultSet rs, int row) throws SQLException {
        return new PullRequest(rs.getLong("number"), rs.getString("title"), rs.getString("body"), rs.getString("head"),
                rs.getString("base"), PullRequestState.valueOf(rs.getString("state")), rs.getBoolean("draft"),
                rs.getString("head_sha"), rs.getString("url"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
