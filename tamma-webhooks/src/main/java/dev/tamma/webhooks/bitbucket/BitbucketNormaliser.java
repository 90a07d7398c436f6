package dev.tamma.webhooks.bitbucket;

import static dev.tamma.webhooks.Json.array;
import static dev.tamma.webhooks.Json.at;
import static dev.tamma.webhooks.Json.present;
import static dev.tamma.webhooks.Json.requireNumber;
import static dev.tamma.webhooks.Json.requireText;
import static dev.tamma.webhooks.Json.text;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud deliveries: the event in {@code X-Event-Key} ({@code repo:push},
 * {@code pullrequest:created}, {@code pullrequest:updated}, {@code pullrequest:fulfilled},
 * {@code pullrequest:rejected}, {@code pullrequest:approved},
 * {@code pullrequest:changes_request_created}, {@code pullrequest:comment_created},
 * {@code issue:updated}, {@code issue:comment_created}, {@code repo:commit_status_updated} and
 * {@code _created}), the delivery id in {@code X-Request-UUID}.
 *
 * <p>Bitbucket's issue tracker has no labels, so there are no label events. It sends one
 * {@code pullrequest:updated} for any change, which is reported as a synchronisation with the
 * current head. Accounts are named by {@code nickname} (Bitbucket dropped user names), else
 * {@code account_id}; {@code app_user} accounts are bots.
 */
public final class BitbucketNormaliser implements WebhookNormaliser {

    public static final String EVENT_HEADER = "X-Event-Key";
    public static final String DELIVERY_HEADER = "X-Request-UUID";

    private static final Set<String> CLOSED_ISSUE_STATES = Set.of("resolved", "invalid", "duplicate", "wontfix", "closed");

    @Override
    public Platform platform() {
        return Platform.BITBUCKET;
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
        JsonNode body = Payloads.read(request, false);
        String id = deliveryId(request);
        List<WebhookEvent> events = switch (event) {
            case "repo:push" -> push(body, delivery(id, body));
            case "pullrequest:created", "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:rejected" ->
                    pullRequest(body, delivery(id, body), event);
            case "pullrequest:approved" -> List.of(review(body, delivery(id, body), ReviewVerdict.APPROVED, "approval"));
            case "pullrequest:changes_request_created" ->
                    List.of(review(body, delivery(id, body), ReviewVerdict.CHANGES_REQUESTED, "changes_request"));
            case "pullrequest:comment_created" -> List.of(pullRequestComment(body, delivery(id, body)));
            case "issue:comment_created" -> List.of(new IssueCommentCreated(delivery(id, body),
                    requireNumber(body, event, "issue", "id"), false, text(body, "comment", "id"),
                    text(body, "comment", "content", "raw"), actor(at(body, "comment", "user"))));
            case "issue:updated" -> issueUpdated(body, delivery(id, body));
            case "repo:commit_status_updated", "repo:commit_status_created" -> commitStatus(body, delivery(id, body));
            default -> List.of();
        };
        if (events.isEmpty()) {
            return new Ignored(id, event, event.startsWith("repo:commit_status") || event.equals("issue:updated")
                    ? "change not used by Tamma" : "event type not used by Tamma");
        }
        return new Normalised(id, events);
    }

    private static Delivery delivery(String id, JsonNode body) {
        String repository = requireText(body, "a Bitbucket delivery", "repository", "full_name");
        return new Delivery(Platform.BITBUCKET, id, repository, actor(at(body, "actor")));
    }

    static Actor actor(JsonNode account) {
        String login = text(account, "nickname");
        if (login.isEmpty()) {
            login = text(account, "account_id");
        }
        if (login.isEmpty()) {
            login = text(account, "display_name");
        }
        return new Actor(login, "app_user".equals(text(account, "type")));
    }

    private static List<WebhookEvent> push(JsonNode body, Delivery delivery) {
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode change : array(body, "push", "changes")) {
            JsonNode after = at(change, "new");
            JsonNode before = at(change, "old");
            JsonNode named = present(after) ? after : before;
            String name = text(named, "name");
            if (name.isEmpty()) {
                continue;
            }
            String prefix = "tag".equals(text(named, "type")) ? "refs/tags/" : "refs/heads/";
            events.add(new Push(delivery, prefix + name, text(before, "target", "hash"), text(after, "target", "hash")));
        }
        return events;
    }

    private static List<WebhookEvent> pullRequest(JsonNode body, Delivery delivery, String event) {
        JsonNode pr = at(body, "pullrequest");
        long number = requireNumber(pr, event, "id");
        String headSha = text(pr, "source", "commit", "hash");
        String source = text(pr, "source", "repository", "full_name");
        boolean fromFork = !source.isEmpty() && !source.equalsIgnoreCase(text(pr, "destination", "repository", "full_name"));
        return List.of(switch (event) {
            case "pullrequest:created" -> new PullRequestOpened(delivery, number, headSha,
                    text(pr, "source", "branch", "name"), text(pr, "destination", "branch", "name"), fromFork,
                    actor(at(pr, "author")));
            case "pullrequest:updated" -> new PullRequestSynchronized(delivery, number, headSha, fromFork);
            case "pullrequest:fulfilled" -> new PullRequestMerged(delivery, number, headSha,
                    text(pr, "merge_commit", "hash"));
            default -> new PullRequestClosed(delivery, number, headSha);
        });
    }

    private static WebhookEvent review(JsonNode body, Delivery delivery, ReviewVerdict verdict, String field) {
        JsonNode user = at(body, field, "user");
        return new ReviewSubmitted(delivery, requireNumber(body, "a review", "pullrequest", "id"), verdict, "",
                present(user) ? actor(user) : delivery.actor());
    }

    private static WebhookEvent pullRequestComment(JsonNode body, Delivery delivery) {
        JsonNode comment = at(body, "comment");
        long number = requireNumber(body, "pullrequest:comment_created", "pullrequest", "id");
        String commentId = text(comment, "id");
        String text = text(comment, "content", "raw");
        Actor author = actor(at(comment, "user"));
        if (present(comment, "inline")) {
            return new ReviewCommentCreated(delivery, number, commentId, text(comment, "inline", "path"), text, author);
        }
        return new IssueCommentCreated(delivery, number, true, commentId, text, author);
    }

    private static List<WebhookEvent> issueUpdated(JsonNode body, Delivery delivery) {
        long number = requireNumber(body, "issue:updated", "issue", "id");
        JsonNode changes = at(body, "changes");
        List<WebhookEvent> events = new ArrayList<>();
        if (present(changes, "assignee")) {
            String assignee = actor(at(body, "issue", "assignee")).login();
            if (!assignee.isEmpty()) {
                events.add(new IssueAssigned(delivery, number, assignee, List.of(assignee), List.of()));
            }
        }
        String newState = text(changes, "state", "new");
        if (newState.isEmpty()) {
            newState = text(changes, "status", "new");
        }
        if (CLOSED_ISSUE_STATES.contains(newState.toLowerCase(Locale.ROOT))) {
            events.add(new IssueClosed(delivery, number));
        }
        return events;
    }

    private static List<WebhookEvent> commitStatus(JsonNode body, Delivery delivery) {
        JsonNode status = at(body, "commit_status");
        CiStatus result = switch (text(status, "state").toUpperCase(Locale.ROOT)) {
            case "SUCCESSFUL" -> CiStatus.SUCCESS;
            case "FAILED" -> CiStatus.FAILURE;
            case "STOPPED" -> CiStatus.CANCELLED;
            default -> null; // INPROGRESS
        };
        if (result == null) {
            return List.of();
        }
        String sha = text(status, "commit", "hash");
        if (sha.isEmpty()) {
            String href = text(status, "links", "commit", "href");
            sha = href.substring(href.lastIndexOf('/') + 1);
        }
        if (sha.isEmpty()) {
            throw PayloadException.malformed("a commit status has no commit_status.commit.hash");
        }
        String name = text(status, "name");
        return List.of(new CiFinished(delivery, CiKind.COMMIT_STATUS, sha, result,
                name.isEmpty() ? text(status, "key") : name, text(status, "url")));
    }
}
