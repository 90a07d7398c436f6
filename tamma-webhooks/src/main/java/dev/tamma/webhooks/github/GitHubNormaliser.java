package dev.tamma.webhooks.github;

import static dev.tamma.webhooks.Json.at;
import static dev.tamma.webhooks.Json.bool;
import static dev.tamma.webhooks.Json.present;
import static dev.tamma.webhooks.Json.requireNumber;
import static dev.tamma.webhooks.Json.requireText;
import static dev.tamma.webhooks.Json.text;
import static dev.tamma.webhooks.Json.texts;

import dev.tamma.core.webhook.Actor;
import dev.tamma.core.webhook.CiKind;
import dev.tamma.core.webhook.CiStatus;
import dev.tamma.core.webhook.Delivery;
import dev.tamma.core.webhook.Normalisation;
import dev.tamma.core.webhook.Normalisation.Ignored;
import dev.tamma.core.webhook.Normalisation.Normalised;
import dev.tamma.core.webhook.Platform;
import dev.tamma.core.webhook.ReviewVerdict;
import dev.tamma.core.webhook.WebhookEvent;
import dev.tamma.core.webhook.WebhookEvent.CiFinished;
import dev.tamma.core.webhook.WebhookEvent.IssueAssigned;
import dev.tamma.core.webhook.WebhookEvent.IssueClosed;
import dev.tamma.core.webhook.WebhookEvent.IssueCommentCreated;
import dev.tamma.core.webhook.WebhookEvent.IssueLabeled;
import dev.tamma.core.webhook.WebhookEvent.IssueUnlabeled;
import dev.tamma.core.webhook.WebhookEvent.PullRequestClosed;
import dev.tamma.core.webhook.WebhookEvent.PullRequestMerged;
import dev.tamma.core.webhook.WebhookEvent.PullRequestOpened;
import dev.tamma.core.webhook.WebhookEvent.PullRequestSynchronized;
import dev.tamma.core.webhook.WebhookEvent.Push;
import dev.tamma.core.webhook.WebhookEvent.ReviewCommentCreated;
import dev.tamma.core.webhook.WebhookEvent.ReviewSubmitted;
import dev.tamma.webhooks.DeliveryIds;
import dev.tamma.webhooks.PayloadException;
import dev.tamma.webhooks.Payloads;
import dev.tamma.webhooks.WebhookNormaliser;
import dev.tamma.webhooks.WebhookRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * GitHub deliveries: the event in {@code X-GitHub-Event}, the delivery id in
 * {@code X-GitHub-Delivery}, the action in the body's {@code action}. Understood: {@code issues}
 * (assigned, labeled, unlabeled, closed), {@code issue_comment} (created), {@code pull_request}
 * (opened, closed, synchronize), {@code pull_request_review} (submitted),
 * {@code pull_request_review_comment} (created), {@code check_suite} and {@code check_run}
 * (completed), {@code status} (not pending) and {@code push}.
 */
public final class GitHubNormaliser implements WebhookNormaliser {

    public static final String EVENT_HEADER = "X-GitHub-Event";
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    @Override
    public Platform platform() {
        return Platform.GITHUB;
    }

    @Override
    public boolean acceptsFormEncoding() {
        return true;
    }

    @Override
    public String deliveryId(WebhookRequest request) {
        return DeliveryIds.of(request, DELIVERY_HEADER);
    }

    @Override
    public Normalisation normalise(WebhookRequest request) {
        String event = request.headers().first(EVENT_HEADER)
                .orElseThrow(() -> PayloadException.malformed("missing header " + EVENT_HEADER))
                .toLowerCase(Locale.ROOT);
        JsonNode body = Payloads.read(request, true);
        String id = deliveryId(request);
        String action = text(body, "action");
        String name = action.isEmpty() ? event : event + "." + action;
        Optional<WebhookEvent> result = switch (event) {
            case "ping" -> Optional.empty();
            case "issues" -> issues(body, delivery(id, body), action);
            case "issue_comment" -> issueComment(body, delivery(id, body), action);
            case "pull_request" -> pullRequest(body, delivery(id, body), action);
            case "pull_request_review" -> review(body, delivery(id, body), action);
            case "pull_request_review_comment" -> reviewComment(body, delivery(id, body), action);
            case "check_suite" -> checkSuite(body, delivery(id, body), action);
            case "check_run" -> checkRun(body, delivery(id, body), action);
            case "status" -> status(body, delivery(id, body));
            case "push" -> Optional.of(new Push(delivery(id, body), requireText(body, name, "ref"),
                    text(body, "before"), text(body, "after")));
            default -> Optional.empty();
        };
        return result.<Normalisation>map(e -> new Normalised(id, List.of(e)))
                .orElseGet(() -> new Ignored(id, name, reason(event)));
    }

    private static String reason(String event) {
        return switch (event) {
            case "ping" -> "GitHub's test delivery";
            case "issues", "issue_comment", "pull_request", "pull_request_review", "pull_request_review_comment",
                    "check_suite", "check_run", "status" -> "action not used by Tamma";
            default -> "event type not used by Tamma";
        };
    }

    private static Delivery delivery(String id, JsonNode body) {
        String repository = requireText(body, "a GitHub delivery", "repository", "full_name");
        return new Delivery(Platform.GITHUB, id, repository, actor(at(body, "sender")));
    }

    static Actor actor(JsonNode user) {
        String login = text(user, "login");
        boolean bot = "Bot".equalsIgnoreCase(text(user, "type")) || login.endsWith("[bot]");
        return new Actor(login, bot);
    }

    private static Optional<WebhookEvent> issues(JsonNode body, Delivery delivery, String action) {
        JsonNode issue = at(body, "issue");
        long number = requireNumber(issue, "issues." + action, "number");
        List<String> labels = texts(issue, "name", "labels");
        return switch (action) {
            case "assigned" -> Optional.of(new IssueAssigned(delivery, number, text(body, "assignee", "login"),
                    texts(issue, "login", "assignees"), labels));
            case "labeled" -> Optional.of(new IssueLabeled(delivery, number, text(body, "label", "name"), labels));
            case "unlabeled" -> Optional.of(new IssueUnlabeled(delivery, number, text(body, "label", "name"), labels));
            case "closed" -> Optional.of(new IssueClosed(delivery, number));
            default -> Optional.empty();
        };
    }

    private static Optional<WebhookEvent> issueComment(JsonNode body, Delivery delivery, String action) {
        if (!action.equals("created")) {
            return Optional.empty();
        }
        JsonNode issue = at(body, "issue");
        JsonNode comment = at(body, "comment");
        return Optional.of(new IssueCommentCreated(delivery, requireNumber(issue, "issue_comment", "number"),
                present(issue, "pull_request"), text(comment, "id"), text(comment, "body"),
                actor(at(comment, "user"))));
    }

    private static Optional<WebhookEvent> pullRequest(JsonNode body, Delivery delivery, String action) {
        JsonNode pr = at(body, "pull_request");
        long number = requireNumber(pr, "pull_request." + action, "number");
        String headSha = text(pr, "head", "sha");
        return switch (action) {
            case "opened" -> Optional.of(new PullRequestOpened(delivery, number, headSha, text(pr, "head", "ref"),
                    text(pr, "base", "ref"), fromFork(pr), actor(at(pr, "user"))));
            case "closed" -> Optional.of(bool(pr, "merged")
                    ? new PullRequestMerged(delivery, number, headSha, text(pr, "merge_commit_sha"))
                    : new PullRequestClosed(delivery, number, headSha));
            case "synchronize" -> Optional.of(new PullRequestSynchronized(delivery, number,
                    headSha.isEmpty() ? text(body, "after") : headSha, fromFork(pr)));
            default -> Optional.empty();
        };
    }

    /** The head is in another repository than the base (a deleted fork has no head repository). */
    private static boolean fromFork(JsonNode pr) {
        String head = text(pr, "head", "repo", "full_name");
        return head.isEmpty() || !head.equalsIgnoreCase(text(pr, "base", "repo", "full_name"));
    }

    private static Optional<WebhookEvent> review(JsonNode body, Delivery delivery, String action) {
        if (!action.equals("submitted")) {
            return Optional.empty();
        }
        JsonNode review = at(body, "review");
        ReviewVerdict verdict = switch (text(review, "state").toLowerCase(Locale.ROOT)) {
            case "approved" -> ReviewVerdict.APPROVED;
            case "changes_requested" -> ReviewVerdict.CHANGES_REQUESTED;
            default -> ReviewVerdict.COMMENTED;
        };
        return Optional.of(new ReviewSubmitted(delivery,
                requireNumber(body, "pull_request_review", "pull_request", "number"), verdict, text(review, "body"),
                actor(at(review, "user"))));
    }

    private static Optional<WebhookEvent> reviewComment(JsonNode body, Delivery delivery, String action) {
        if (!action.equals("created")) {
            return Optional.empty();
        }
        JsonNode comment = at(body, "comment");
        return Optional.of(new ReviewCommentCreated(delivery,
                requireNumber(body, "pull_request_review_comment", "pull_request", "number"), text(comment, "id"),
                text(comment, "path"), text(comment, "body"), actor(at(comment, "user"))));
    }

    private static Optional<WebhookEvent> checkSuite(JsonNode body, Delivery delivery, String action) {
        if (!action.equals("completed")) {
            return Optional.empty();
        }
        JsonNode suite = at(body, "check_suite");
        return Optional.of(new CiFinished(delivery, CiKind.CHECK_SUITE,
                requireText(suite, "check_suite.completed", "head_sha"), conclusion(text(suite, "conclusion")),
                text(suite, "app", "name"), text(suite, "url")));
    }

    private static Optional<WebhookEvent> checkRun(JsonNode body, Delivery delivery, String action) {
        if (!action.equals("completed")) {
            return Optional.empty();
        }
        JsonNode run = at(body, "check_run");
        return Optional.of(new CiFinished(delivery, CiKind.CHECK_RUN,
                requireText(run, "check_run.completed", "head_sha"), conclusion(text(run, "conclusion")),
                text(run, "name"), text(run, "html_url")));
    }

    private static Optional<WebhookEvent> status(JsonNode body, Delivery delivery) {
        CiStatus status = switch (text(body, "state").toLowerCase(Locale.ROOT)) {
            case "success" -> CiStatus.SUCCESS;
            case "failure", "error" -> CiStatus.FAILURE;
            default -> null; // pending: not finished
        };
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(new CiFinished(delivery, CiKind.COMMIT_STATUS, requireText(body, "status", "sha"), status,
                text(body, "context"), text(body, "target_url")));
    }

    /** A check's conclusion as documented: success, failure, neutral, cancelled, skipped, timed_out, action_required, stale. */
    static CiStatus conclusion(String conclusion) {
        return switch (conclusion.toLowerCase(Locale.ROOT)) {
            case "success" -> CiStatus.SUCCESS;
            case "cancelled" -> CiStatus.CANCELLED;
            case "neutral", "skipped", "stale" -> CiStatus.NEUTRAL;
            default -> CiStatus.FAILURE; // failure, timed_out, action_required, startup_failure
        };
    }
}
