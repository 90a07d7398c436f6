package dev.tamma.platforms.gitlab;

import dev.tamma.core.platform.Check;
import dev.tamma.core.platform.CiState;
import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.Permission;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.PullRequestState;
import dev.tamma.core.platform.Reaction;
import dev.tamma.core.platform.ReactionGiven;
import dev.tamma.core.platform.ReviewComment;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gitlab4j.api.models.AccessLevel;
import org.gitlab4j.api.models.AwardEmoji;
import org.gitlab4j.api.models.CommitStatus;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.Note;
import org.gitlab4j.models.Constants;

/** GitLab4J's models as the port's records. */
final class GitLabMapping {

    /** GitLab marks a draft merge request by this title prefix (older versions: {@code WIP:}). */
    static final String DRAFT_PREFIX = "Draft: ";

    /** The title prefixes GitLab documents as marking a draft, in any case, possibly repeated. */
    private static final Pattern DRAFT_PREFIXES = Pattern.compile("^(\\s*(\\[draft]|\\(draft\\)|draft:))+\\s*",
            Pattern.CASE_INSENSITIVE);

    /** The title without the prefixes that make a merge request a draft. */
    static String readyTitle(String title) {
        return DRAFT_PREFIXES.matcher(title).replaceFirst("");
    }

    static Issue issue(org.gitlab4j.api.models.Issue i) {
        return new Issue(i.getIid(), i.getTitle(), i.getDescription(), i.getState() != Constants.IssueState.CLOSED,
                i.getLabels() == null ? List.of() : i.getLabels(),
                i.getAssignees() == null ? List.of() : i.getAssignees().stream().map(a -> a.getUsername()).toList(),
                i.getAuthor() == null ? "" : i.getAuthor().getUsername(), i.getWebUrl());
    }

    static Comment comment(Note n) {
        return new Comment(n.getId(), n.getAuthor() == null ? "" : n.getAuthor().getUsername(), n.getBody(),
                instant(n.getCreatedAt()), instant(n.getUpdatedAt() == null ? n.getCreatedAt() : n.getUpdatedAt()), "");
    }

    static PullRequest mergeRequest(MergeRequest mr) {
        PullRequestState state = switch (mr.getState()) {
            case "merged" -> PullRequestState.MERGED;
            case "closed", "locked" -> PullRequestState.CLOSED;
            default -> PullRequestState.OPEN;
        };
        String title = mr.getTitle();
        boolean draft = Boolean.TRUE.equals(mr.getDraft()) || Boolean.TRUE.equals(mr.getWorkInProgress());
        if (title.startsWith(DRAFT_PREFIX)) {
            title = title.substring(DRAFT_PREFIX.length());
            draft = true;
        }
        return new PullRequest(mr.getIid(), title, mr.getDescription(), mr.getSourceBranch(), mr.getTargetBranch(), state,
                draft, mr.getSha(), mr.getWebUrl());
    }

    static ReviewComment reviewComment(String discussionId, Note n) {
        Integer line = n.getPosition() == null ? null : n.getPosition().getNewLine();
        return new ReviewComment(n.getId(), discussionId, n.getAuthor() == null ? "" : n.getAuthor().getUsername(),
                n.getBody(), n.getPosition() == null ? "" : n.getPosition().getNewPath(), Optional.ofNullable(line),
                instant(n.getCreatedAt()), Boolean.TRUE.equals(n.getResolved()));
    }

    static Check check(CommitStatus s) {
        CiState state = switch (s.getStatus()) {
            case "success", "skipped" -> CiState.SUCCESS;
            case "failed", "canceled" -> CiState.FAILURE;
            default -> CiState.PENDING;
        };
        // a pipeline job's commit status has the job's id, which is how its trace is found
        return new Check(s.getName(), state, s.getTargetUrl(), s.getId() == null ? "" : s.getId().toString());
    }

    static Permission permission(AccessLevel level) {
        int value = level == null || level.value == null ? 0 : level.value;
        if (value >= 50) {
            return Permission.ADMIN;
        }
        if (value >= 40) {
            return Permission.MAINTAIN;
        }
        if (value >= 30) {
            return Permission.WRITE;
        }
        if (value >= 20) {
            return Permission.TRIAGE;
        }
        return value >= 10 ? Permission.READ : Permission.NONE;
    }

    static String emoji(Reaction reaction) {
        return switch (reaction) {
            case THUMBS_UP -> "thumbsup";
            case THUMBS_DOWN -> "thumbsdown";
            case LAUGH -> "laughing";
            case CONFUSED -> "confused";
            case HEART -> "heart";
            case HOORAY -> "tada";
            case ROCKET -> "rocket";
            case EYES -> "eyes";
        };
    }

    static Optional<ReactionGiven> reaction(AwardEmoji emoji) {
        Optional<Reaction> reaction = java.util.Arrays.stream(Reaction.values())
                .filter(r -> emoji(r).equals(emoji.getName())).findFirst();
        return reaction.map(r -> new ReactionGiven(emoji.getUser() == null ? "" : emoji.getUser().getUsername(), r,
                instant(emoji.getCreatedAt())));
    }

    private static Instant instant(Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private GitLabMapping() {
    }
}
