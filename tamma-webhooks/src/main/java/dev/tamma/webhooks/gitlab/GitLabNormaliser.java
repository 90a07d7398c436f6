package dev.tamma.webhooks.gitlab;

import static dev.tamma.webhooks.Json.at;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * GitLab deliveries: the event in {@code X-Gitlab-Event} ({@code Issue Hook}, {@code Note Hook},
 * {@code Merge Request Hook}, {@code Pipeline Hook}, {@code Push Hook}, and the confidential
 * variants), the kind in the body's {@code object_kind}. The delivery id is {@code Idempotency-Key}
 * (stable across retries), else {@code X-Gitlab-Event-UUID}, else the body hash.
 *
 * <p>An issue update may carry several changes at once ({@code changes.labels},
 * {@code changes.assignees}), so one delivery can give several events. A comment on a diff line
 * ({@code DiffNote}) is a review comment; other merge request comments are conversation comments.
 */
public final class GitLabNormaliser implements WebhookNormaliser {

    public static final String EVENT_HEADER = "X-Gitlab-Event";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String EVENT_UUID_HEADER = "X-Gitlab-Event-UUID";

    /** Users GitLab creates for project and group access tokens. */
    private static final Pattern TOKEN_BOT = Pattern.compile("(project|group)_\\d+_bot(_[0-9a-f]+)?");

    @Override
    public Platform platform() {
        return Platform.GITLAB;
    }

    @Override
    public String deliveryId(WebhookRequest request) {
        return DeliveryIds.of(request, IDEMPOTENCY_HEADER, EVENT_UUID_HEADER);
    }

    @Override
    public Normalisation normalise(WebhookRequest request) {
        String header = request.headers().first(EVENT_HEADER)
                .orElseThrow(() -> PayloadException.malformed("missing header " + EVENT_HEADER));
        JsonNode body = Payloads.read(request, false);
        String id = deliveryId(request);
        String kind = text(body, "object_kind");
        String action = text(body, "object_attributes", "action");
        String name = action.isEmpty() ? header : header + "." + action;
        List<WebhookEvent> events = switch (kind) {
            case "issue" -> issue(body, delivery(id, body), action);
            case "note" -> note(body, delivery(id, body), action);
            case "merge_request" -> mergeRequest(body, delivery(id, body), action);
            case "pipeline" -> pipeline(body, delivery(id, body));
            case "push" -> List.of(new Push(delivery(id, body), requireText(body, "a push", "ref"),
                    text(body, "before"), text(body, "after")));
            default -> List.of();
        };
        if (events.isEmpty()) {
            return new Ignored(id, name, switch (kind) {
                case "issue", "note", "merge_request", "pipeline" -> "action or change not used by Tamma";
                default -> "event type not used by Tamma";
            });
        }
        return new Normalised(id, events);
    }

    private static Delivery delivery(String id, JsonNode body) {
        String repository = requireText(body, "a GitLab delivery", "project", "path_with_namespace");
        JsonNode user = at(body, "user");
        Actor actor = present(user) ? actor(user) : actor(text(body, "user_username"));
        return new Delivery(Platform.GITLAB, id, repository, actor);
    }

    private static Actor actor(JsonNode user) {
        return actor(text(user, "username"));
    }

    private static Actor actor(String username) {
        return new Actor(username, TOKEN_BOT.matcher(username).matches());
    }

    private static List<WebhookEvent> issue(JsonNode body, Delivery delivery, String action) {
        long number = requireNumber(body, "an issue event", "object_attributes", "iid");
        if (action.equals("close")) {
            return List.of(new IssueClosed(delivery, number));
        }
        List<String> labels = texts(body, "title", "labels");
        List<String> assignees = texts(body, "username", "assignees");
        List<WebhookEvent> events = new ArrayList<>();
        JsonNode changes = at(body, "changes");
        if (present(changes, "assignees")) {
            for (String added : added(texts(changes, "username", "assignees", "previous"),
                    texts(changes, "username", "assignees", "current"))) {
                events.add(new IssueAssigned(delivery, number, added, assignees, labels));
            }
        }
        if (present(changes, "labels")) {
            List<String> previous = texts(changes, "title", "labels", "previous");
            List<String> current = texts(changes, "title", "labels", "current");
            for (String added : added(previous, current)) {
                events.add(new IssueLabeled(delivery, number, added, current));
            }
            for (String removed : added(current, previous)) {
                events.add(new IssueUnlabeled(delivery, number, removed, current));
            }
        }
        return events;
    }

    /** What {@code after} has that {@code before} had not, in order. */
    private static Set<String> added(List<String> before, List<String> after) {
        Set<String> out = new LinkedHashSet<>(after);
        before.forEach(out::remove);
        return out;
    }

    private static List<WebhookEvent> note(JsonNode body, Delivery delivery, String action) {
        if (!action.isEmpty() && !action.equals("create")) {
            return List.of(); // an edited comment is not a new command
        }
        JsonNode note = at(body, "object_attributes");
        String commentId = text(note, "id");
        String text = text(note, "note");
        Actor author = actor(at(body, "user"));
        return switch (text(note, "noteable_type")) {
            case "Issue" -> List.of(new IssueCommentCreated(delivery,
                    requireNumber(body, "a comment on an issue", "issue", "iid"), false, commentId, text, author));
            case "MergeRequest" -> {
                long number = requireNumber(body, "a comment on a merge request", "merge_request", "iid");
                if (text(note, "type").equals("DiffNote") || present(note, "position")) {
                    String path = text(note, "position", "new_path");
                    yield List.of(new ReviewCommentCreated(delivery, number, commentId,
                            path.isEmpty() ? text(note, "position", "old_path") : path, text, author));
                }
                yield List.of(new IssueCommentCreated(delivery, number, true, commentId, text, author));
            }
            default -> List.of(); // commits and snippets
        };
    }

    private static List<WebhookEvent> mergeRequest(JsonNode body, Delivery delivery, String action) {
        JsonNode mr = at(body, "object_attributes");
        long number = requireNumber(body, "a merge request event", "object_attributes", "iid");
        String headSha = text(mr, "last_commit", "id");
        boolean fromFork = fromFork(mr);
        return switch (action) {
            case "open" -> List.of(new PullRequestOpened(delivery, number, headSha, text(mr, "source_branch"),
                    text(mr, "target_branch"), fromFork, delivery.actor()));
            case "close" -> List.of(new PullRequestClosed(delivery, number, headSha));
            case "merge" -> List.of(new PullRequestMerged(delivery, number, headSha, text(mr, "merge_commit_sha")));
            // an update carries oldrev only when new commits were pushed
            case "update" -> present(mr, "oldrev")
                    ? List.of(new PullRequestSynchronized(delivery, number, headSha, fromFork))
                    : List.of();
            case "approved", "approval" -> List.of(new ReviewSubmitted(delivery, number, ReviewVerdict.APPROVED, "",
                    delivery.actor()));
            default -> List.of();
        };
    }

    private static boolean fromFork(JsonNode mr) {
        String source = text(mr, "source_project_id");
        String target = text(mr, "target_project_id");
        return !source.isEmpty() && !target.isEmpty() && !source.equals(target);
    }

    private static List<WebhookEvent> pipeline(JsonNode body, Delivery delivery) {
        JsonNode pipeline = at(body, "object_attributes");
        CiStatus status = switch (text(pipeline, "status").toLowerCase(Locale.ROOT)) {
            case "success" -> CiStatus.SUCCESS;
            case "failed" -> CiStatus.FAILURE;
            case "canceled", "cancelled" -> CiStatus.CANCELLED;
            case "skipped" -> CiStatus.NEUTRAL;
            default -> null; // created, pending, running, manual, scheduled...: not finished
        };
        if (status == null) {
            return List.of();
        }
        String pipelineId = text(pipeline, "id");
        String url = text(pipeline, "url");
        if (url.isEmpty() && !pipelineId.isEmpty() && present(body, "project", "web_url")) {
            url = text(body, "project", "web_url") + "/-/pipelines/" + pipelineId;
        }
        String name = text(pipeline, "name");
        return List.of(new CiFinished(delivery, CiKind.PIPELINE, requireText(pipeline, "a pipeline event", "sha"), status,
                name.isEmpty() ? "pipeline " + pipelineId : name, url));
    }
}
