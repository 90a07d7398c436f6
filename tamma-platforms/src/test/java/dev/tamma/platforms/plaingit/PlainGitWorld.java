package dev.tamma.platforms.plaingit;

import static dev.tamma.platforms.contract.World.*;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.RepositoryId;
import dev.tamma.core.platform.ReviewComment;
import dev.tamma.core.platform.Workspace.Person;
import dev.tamma.platforms.testing.GitRepos;
import dev.tamma.platforms.workspace.GitCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The contract's {@link dev.tamma.platforms.contract.World} as a real bare repository and records;
 * public because the orchestrator runs the contract against its database records too.
 */
public final class PlainGitWorld {

    public static final Person TAMMA = new Person("Tamma", "tamma@tamma.dev");
    public static final CheckCommand CHECK = new CheckCommand("check", "test ! -e FAILING", Duration.ofMinutes(1));

    /**
     * Creates {@code remotes/shop.git} with main, the pull request branches and a conflict: a copy of
     * one built the first time, since committing it afresh is the slow part of every contract test.
     */
    public static Path repository(Path remotes) throws Exception {
        Path bare = Files.createDirectories(remotes).resolve(REPO + ".git");
        try (Stream<Path> files = Files.walk(Template.BARE)) {
            for (Path from : files.toList()) {
                Files.copy(from, bare.resolve(Template.BARE.relativize(from).toString()));
            }
        }
        return bare;
    }

    /** The world's repository, built once per test JVM and removed when it ends. */
    private static final class Template {
        static final Path BARE = build();

        private static Path build() {
            try {
                Path remotes = Files.createTempDirectory("plain-git-world-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(remotes)));
                return built(remotes);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the contract's repository", e);
            }
        }

        private static void delete(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    private static Path built(Path remotes) throws Exception {
        Path bare = GitRepos.bareWith(remotes, REPO + ".git", Map.of(CONFIG_PATH, CONFIG,
                REVIEW_PATH, "class Login {}\n", "README.md", "# shop\n"));
        GitRepos.commitOn(bare, HEAD, Map.of(REVIEW_PATH, "class Login { /* bcrypt, no truncation */ }\n",
                "FAILING", "the check fails while this file exists\n"), "Hash passwords with bcrypt");
        GitRepos.commitOn(bare, NEW_HEAD, Map.of("dark.css", "body { background: #000; }\n"), "Dark mode");
        GitRepos.commitOn(bare, DRAFT_HEAD, Map.of("Search.java", "class Search {}\n"), "Search orders");
        GitRepos.commitOn(bare, CONFLICT_HEAD, Map.of("README.md", "# shop, ours\n"), "Our readme");
        GitRepos.commitOn(bare, DEFAULT_BRANCH, Map.of("README.md", "# shop, theirs\n"), "Their readme");
        return bare;
    }

    static PlainGitRecords records() {
        return seed(new InMemoryPlainGitRecords());
    }

    /** Writes the world's issues, comments, reactions, pull requests and review comment into {@code records}. */
    public static PlainGitRecords seed(PlainGitRecords records) {
        records.saveIssue(new Issue(ISSUE, ISSUE_TITLE, ISSUE_BODY, true, List.of(BUG_LABEL, TRIGGER_LABEL),
                List.of(BOT), WRITER, ""));
        records.saveIssue(new Issue(OTHER_ISSUE, OTHER_ISSUE_TITLE, "", true, List.of(TRIGGER_LABEL), List.of(),
                WRITER, ""));
        records.saveIssue(new Issue(9, "Closed long ago", "", false, List.of(TRIGGER_LABEL), List.of(BOT), WRITER, ""));
        records.saveComment(ISSUE, new Comment(PLAN_COMMENT, BOT, "Plan v1\n\n<!-- tamma:plan -->", PLAN_COMMENT_AT,
                PLAN_COMMENT_AT, ""));
        records.saveComment(ISSUE, new Comment(NEW_COMMENT, WRITER, NEW_COMMENT_BODY, NEW_COMMENT_AT, NEW_COMMENT_AT, ""));
        records.saveReaction(NEW_COMMENT, new ReactionGiven(STRANGER, Reaction.LAUGH, LAUGH_AT));
        records.saveReaction(NEW_COMMENT, new ReactionGiven(WRITER, Reaction.THUMBS_UP, THUMBS_UP_AT));
        records.savePullRequest(new PullRequest(PR, PR_TITLE, "Closes #7", HEAD, DEFAULT_BRANCH, PullRequestState.OPEN,
                false, "", ""));
        records.savePullRequest(new PullRequest(CONFLICTING_PR, "Conflicting readme", "", CONFLICT_HEAD, DEFAULT_BRANCH,
                PullRequestState.OPEN, false, "", ""));
        records.savePullRequest(new PullRequest(DRAFT_PR, DRAFT_PR_TITLE, "", DRAFT_HEAD, DEFAULT_BRANCH,
                PullRequestState.OPEN, true, "", ""));
        records.saveReviewComment(PR, new ReviewComment(REVIEW_COMMENT, Long.toString(REVIEW_COMMENT), WRITER,
                REVIEW_BODY, REVIEW_PATH, Optional.of(REVIEW_LINE), PLAN_COMMENT_AT, false));
        return records;
    }

    public static PlainGitSettings settings(String url, Optional<GitCredentials> credentials, Path cache) {
        return new PlainGitSettings(new RepositoryId(OWNER, REPO), url, credentials, cache, Optional.of(CHECK),
                Map.of(WRITER, Permission.WRITE, BOT, Permission.ADMIN), TAMMA, Clock.systemUTC());
    }

    private PlainGitWorld() {
    }
}
