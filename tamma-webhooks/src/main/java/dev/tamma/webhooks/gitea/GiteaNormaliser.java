package dev.tamma.webhooks.gitea;

import static dev.tamma.webhooks.Json.at;
import static dev.tamma.webhooks.Json.bool;
import static dev.tamma.webhooks.Json.number;
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
 * Gitea and Forgejo deliveries (Forgejo is a Gitea fork and sends the same payloads). The event
 * is in {@code X-Forgejo-Event} or {@code X-Gitea-Event} ({@code issues}, {@code issue_comment},
 * {@code pull_request}, {@code pull_request_approved}, {@code pull_request_rejected},
 * {@code pull_request_comment}, {@code status}, {@code push}), the action in the body's
 * {@code action}, the delivery id in {@code X-Forgejo-Delivery} or {@code X-Gitea-Delivery}.
 *
 * <p>Gitea reports label and assignee changes with the resulting sets only
 * ({@code label_updated}, {@code label_cleared}, {@code assigned}), so those events leave
 * {@code label} and {@code assignee} empty. It has no separate line-comment event: review comments
 * arrive as a {@code pull_request_comment} review.
 */
public final class GiteaNormaliser implements WebhookNormaliser {

    private final Platform platform;

    public GiteaNormaliser(Platform platform) {
        if (platform != Platform.GITEA && platform != Platform.FORGEJO) {
            throw new IllegalArgumentException("GiteaNormaliser serves Gitea and Forgejo, not " + platform);
        }
        this.platform = platform;
    }

    public static GiteaNormaliser gitea() {
        return new GiteaNormaliser(Platform.GITEA);
    }

    public static GiteaNormaliser forgejo() {
        return new GiteaNormaliser(Platform.FORGEJO);
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public boolean acceptsFormEncoding() {
        return true;
    }

    @Override
    public String deliveryId(WebhookRequest request) {
        return DeliveryIds.of(request, "X-Forgejo-Delivery", "X-Gitea-Delivery");
    }

    @Override
    public Normalisation normalise(WebhookRequest request) {
        String event = request.headers().first("X-Forgejo-Event")
                .or(() -> request.headers().first("X-Gitea-Event"))
                .orElseThrow(() -> PayloadException.malformed("missing header X-Gitea-Event (or X-Forgejo-Event)"))
                .toLowerCase(Locale.ROOT);
        JsonNode body = Payloads.read(request, true);
        String id = deliveryId(request);
        String action = text(body, "action");
        String name = action.isEmpty() ? event : event + "." + action;
        Optional<WebhookEvent> result = switch (event) {
            case "issues" -> issues(body, delivery(id, body), action);
            case "issue_comment" -> comment(body, delivery(id, body), action);
            case "pull_request" -> pullRequest(body, delivery(id, body), action);
            case "pull_request_approved" -> review(body, delivery(id, body), ReviewVerdict.APPROVED);
            case "pull_request_rejected" -> review(body, delivery(id, body), ReviewVerdict.CHANGES_REQUESTED);
            case "pull_request_comment" -> review(body, delivery(id, body), ReviewVerdict.COMMENTED);
            case "status" -> status(body, delivery(id, body));
            case "push" -> Optional.of(new Push(delivery(id, body), requireText(body, "a push", "ref"),
                    text(body, "before"), text(body, "after")));
            default -> Optional.empty();
        };
        return result.<Normalisation>map(e -> new Normalised(id, List.of(e)))
                .orElseGet(() -> new Ignored(id, name, switch (event) {
                    case "issues", "issue_comment", "pull_request", "status" -> "action not used by Tamma";
                    default -> "event type not used by Tamma";
                }));
    }

    private Delivery delivery(String id, JsonNode body) {
        String repository = requireText(body, platform.displayName() + " delivery", "repository", "full_name");
        return new Delivery(platform, id, repository, actor(at(body, "sender")));
    }

    private static Actor actor(JsonNode user) {
        return Actor.user(text(user, "login"));
    }

    private static long issueNumber(JsonNode body, String what) {
        long number = number(body, "number");
        return number > 0 ? number : requireNumber(body, what, "issue", "number");
    }

    private static Optional<WebhookEvent> issues(JsonNode body, Delivery delivery, String action) {
        long number = issueNumber(body, "issues." + action);
        JsonNode issue = at(body, "issue");
        List<String> labels = texts(issue, "name", "labels");
        return switch (action) {
            case "assigned" -> Optional.of(new IssueAssigned(delivery, number, "", texts(issue, "login", "assignees"),
                    labels));
            case "label_updated" -> Optional.of(new IssueLabeled(delivery, number, "", labels));
            case "label_cleared" -> Optional.of(new IssueUnlabeled(delivery, number, "", List.of()));
            case "closed" -> Optional.of(new IssueClosed(delivery, number));
            default -> Optional.empty();
        };
    }

    private static Optional<WebhookEvent> comment(JsonNode body, Delivery delivery, String action) {
        if (!action.equals("created")) {
            return Optional.empty();
        }
        JsonNode comment = at(body, "comment");
        boolean onPullRequest = bool(body, "is_pull") || present(body, "issue", "pull_request");
        return Optional.of(new IssueCommentCreated(delivery, requireNumber(body, "issue_comment", "issue", "number"),
                onPullRequest, text(comment, "id"), text(comment, "body"), actor(at(comment, "user"))));
    }

    private static Optional<WebhookEvent> pullRequest(JsonNode body, Delivery delivery, String action) {
        JsonNode pr = at(body, "pull_request");
        long number = number(body, "number") > 0 ? number(body, "number")
                : requireNumber(pr, "pull_request." + action, "number");
        String headSha = text(pr, "head", "sha");
        return switch (action) {
            case "opened" -> Optional.of(new PullRequestOpened(delivery, number, headSha, text(pr, "head", "ref"),
                    text(pr, "base", "ref"), fromFork(pr), actor(at(pr, "user"))));
            case "closed" -> Optional.of(bool(pr, "merged")
                    ? new PullRequestMerged(delivery, number, headSha, text(pr, "merge_commit_sha"))
                    : new PullRequestClosed(delivery, number, headSha));
            case "synchronized" -> Optional.of(new PullRequestSynchronized(delivery, number, headSha, fromFork(pr)));
            default -> Optional.empty();
        };
    }

    private static boolean fromFork(JsonNode pr) {
        String head = text(pr, "head", "repo", "full_name");
        return head.isEmpty() || !head.equalsIgnoreCase(text(pr, "base", "repo", "full_name"));
    }

    private static Optional<WebhookEvent> review(JsonNode body, Delivery delivery, ReviewVerdict verdict) {
        long number = number(body, "number") > 0 ? number(body, "number")
                : requireNumber(body, "a review", "pull_request", "number");
        return Optional.of(new ReviewSubmitted(delivery, number, verdict, text(body, "review", "content"),
                delivery.actor()));
    }

    private static Optional<WebhookEvent> status(JsonNode body, Delivery delivery) {
        CiStatus status = switch (text(body, "state").toLowerCase(Locale.ROOT)) {
            case "success" -> CiStatus.SUCCESS;
            case "failure", "error" -> CiStatus.FAILURE;
            case "warning" -> CiStatus.NEUTRAL;
            default -> null; // pending
        };
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(new CiFinished(delivery, CiKind.COMMIT_STATUS, requireText(body, "a status", "sha"), status,
                text(body, "context"), text(body, "target_url")));
    }
}
