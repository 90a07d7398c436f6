package dev.tamma.webhooks.azure;

import static dev.tamma.webhooks.Json.array;
import static dev.tamma.webhooks.Json.at;
import static dev.tamma.webhooks.Json.number;
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
import dev.tamma.webhooks.DeliveryIds;
import dev.tamma.webhooks.PayloadException;
import dev.tamma.webhooks.Payloads;
import dev.tamma.webhooks.WebhookNormaliser;
import dev.tamma.webhooks.WebhookRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Azure DevOps service hook deliveries ("Web Hooks" consumer, resource details: All). There are no
 * event headers: the body carries {@code eventType} and the event {@code id} (the delivery id).
 * Understood: {@code git.push}, {@code git.pullrequest.created}, {@code git.pullrequest.updated}
 * (completed: merged; abandoned: closed; otherwise a synchronisation with the current source
 * commit), {@code git.pullrequest.merged} once completed,
 * {@code ms.vss-code.git-pullrequest-comment-event}, {@code workitem.updated} (assigned, tags as
 * labels, closed states), {@code workitem.commented} and {@code build.complete}.
 *
 * <p>Repositories are named {@code project/repository}. Work items belong to a project, not a
 * repository, so their events carry the project name alone. Accounts are named by their
 * {@code uniqueName} (usually an e-mail address).
 */
public final class AzureDevOpsNormaliser implements WebhookNormaliser {

    /** Work item states that end it, across the Agile, Scrum, Basic and CMMI processes. */
    private static final Set<String> CLOSED_STATES = Set.of("closed", "done", "removed", "resolved");

    @Override
    public Platform platform() {
        return Platform.AZURE_DEVOPS;
    }

    /** The body's event {@code id}; reads the body, so it throws {@link PayloadException} if that is not JSON. */
    @Override
    public String deliveryId(WebhookRequest request) {
        return DeliveryIds.orBodyHash(text(Payloads.read(request, false), "id"), request);
    }

    @Override
    public Normalisation normalise(WebhookRequest request) {
        JsonNode body = Payloads.read(request, false);
        String id = DeliveryIds.orBodyHash(text(body, "id"), request);
        String eventType = text(body, "eventType");
        if (eventType.isEmpty()) {
            throw PayloadException.malformed("an Azure DevOps delivery has no eventType");
        }
        JsonNode resource = at(body, "resource");
        List<WebhookEvent> events = switch (eventType) {
            case "git.push" -> push(resource, id);
            case "git.pullrequest.created", "git.pullrequest.updated", "git.pullrequest.merged" ->
                    pullRequest(resource, id, eventType);
            case "ms.vss-code.git-pullrequest-comment-event" -> pullRequestComment(resource, id);
            case "workitem.updated" -> workItemUpdated(resource, id);
            case "workitem.commented" -> workItemCommented(resource, id);
            case "build.complete" -> build(resource, id);
            default -> List.of();
        };
        if (events.isEmpty()) {
            return new Ignored(id, eventType, switch (eventType) {
                case "git.pullrequest.merged", "ms.vss-code.git-pullrequest-comment-event", "workitem.updated",
                        "build.complete" -> "change not used by Tamma";
                default -> "event type not used by Tamma";
            });
        }
        return new Normalised(id, events);
    }

    private static String repository(JsonNode repo) {
        String project = text(repo, "project", "name");
        String name = requireText(repo, "an Azure DevOps git event", "name");
        return project.isEmpty() ? name : project + "/" + name;
    }

    /** An identity object ({@code uniqueName}, {@code displayName}) or a {@code "Name <unique>"} string. */
    static Actor identity(JsonNode identity) {
        if (identity.isString()) {
            String value = identity.asString();
            int open = value.lastIndexOf('<');
            int close = value.lastIndexOf('>');
            return Actor.user(open >= 0 && close > open ? value.substring(open + 1, close) : value.strip());
        }
        String unique = text(identity, "uniqueName");
        return Actor.user(unique.isEmpty() ? text(identity, "displayName") : unique);
    }

    private static List<WebhookEvent> push(JsonNode resource, String id) {
        Delivery delivery = new Delivery(Platform.AZURE_DEVOPS, id, repository(at(resource, "repository")),
                identity(at(resource, "pushedBy")));
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode update : array(resource, "refUpdates")) {
            String ref = text(update, "name");
            if (!ref.isEmpty()) {
                events.add(new Push(delivery, ref, text(update, "oldObjectId"), text(update, "newObjectId")));
            }
        }
        return events;
    }

    private static List<WebhookEvent> pullRequest(JsonNode pr, String id, String eventType) {
        long number = requireNumber(pr, eventType, "pullRequestId");
        Delivery delivery = new Delivery(Platform.AZURE_DEVOPS, id, repository(at(pr, "repository")),
                identity(at(pr, "createdBy")));
        String headSha = text(pr, "lastMergeSourceCommit", "commitId");
        boolean fromFork = present(pr, "forkSource");
        String status = text(pr, "status").toLowerCase(Locale.ROOT);
        if (eventType.equals("git.pullrequest.created")) {
            return List.of(new PullRequestOpened(delivery, number, headSha, branch(text(pr, "sourceRefName")),
                    branch(text(pr, "targetRefName")), fromFork, delivery.actor()));
        }
        return switch (status) {
            case "completed" -> List.of(new PullRequestMerged(delivery, number, headSha,
                    text(pr, "lastMergeCommit", "commitId")));
            case "abandoned" -> List.of(new PullRequestClosed(delivery, number, headSha));
            default -> eventType.equals("git.pullrequest.updated") && !headSha.isEmpty()
                    ? List.of(new PullRequestSynchronized(delivery, number, headSha, fromFork))
                    : List.of(); // a merge attempt that has not completed
        };
    }

    private static String branch(String ref) {
        return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }

    private static List<WebhookEvent> pullRequestComment(JsonNode resource, String id) {
        JsonNode comment = at(resource, "comment");
        JsonNode pr = at(resource, "pullRequest");
        if ("system".equalsIgnoreCase(text(comment, "commentType"))) {
            return List.of();
        }
        String published = text(comment, "publishedDate");
        String contentUpdated = text(comment, "lastContentUpdatedDate");
        if (!published.isEmpty() && !contentUpdated.isEmpty() && !published.equals(contentUpdated)) {
            return List.of(); // an edited comment is not a new command
        }
        Actor author = identity(at(comment, "author"));
        Delivery delivery = new Delivery(Platform.AZURE_DEVOPS, id, repository(at(pr, "repository")), author);
        return List.of(new IssueCommentCreated(delivery, requireNumber(pr, "a pull request comment", "pullRequestId"),
                true, text(comment, "id"), text(comment, "content"), author));
    }

    private static List<WebhookEvent> workItemUpdated(JsonNode resource, String id) {
        long number = number(resource, "workItemId");
        if (number <= 0) {
            number = requireNumber(resource, "workitem.updated", "revision", "id");
        }
        JsonNode current = at(resource, "revision", "fields");
        JsonNode changes = at(resource, "fields");
        Delivery delivery = new Delivery(Platform.AZURE_DEVOPS, id,
                requireText(current, "workitem.updated", "System.TeamProject"), identity(at(resource, "revisedBy")));
        List<String> tags = tags(text(current, "System.Tags"));
        List<WebhookEvent> events = new ArrayList<>();
        JsonNode assigned = at(changes, "System.AssignedTo", "newValue");
        if (present(assigned)) {
            String assignee = identity(assigned).login();
            if (!assignee.isEmpty()) {
                events.add(new IssueAssigned(delivery, number, assignee, List.of(assignee), tags));
            }
        }
        if (present(changes, "System.Tags")) {
            List<String> before = tags(text(changes, "System.Tags", "oldValue"));
            List<String> after = tags(text(changes, "System.Tags", "newValue"));
            for (String added : difference(after, before)) {
                events.add(new IssueLabeled(delivery, number, added, after));
            }
            for (String removed : difference(before, after)) {
                events.add(new IssueUnlabeled(delivery, number, removed, after));
            }
        }
        String newState = text(changes, "System.State", "newValue");
        if (CLOSED_STATES.contains(newState.toLowerCase(Locale.ROOT))) {
            events.add(new IssueClosed(delivery, number));
        }
        return events;
    }

    /** Work item tags: {@code "tamma; needs review"}. */
    private static List<String> tags(String value) {
        return Arrays.stream(value.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static Set<String> difference(List<String> from, List<String> minus) {
        Set<String> out = new LinkedHashSet<>(from);
        minus.forEach(out::remove);
        return out;
    }

    private static List<WebhookEvent> workItemCommented(JsonNode resource, String id) {
        JsonNode fields = at(resource, "fields");
        long number = requireNumber(resource, "workitem.commented", "id");
        Actor author = identity(at(fields, "System.ChangedBy"));
        Delivery delivery = new Delivery(Platform.AZURE_DEVOPS, id,
                requireText(fields, "workitem.commented", "System.TeamProject"), author);
        return List.of(new IssueCommentCreated(delivery, number, false, text(resource, "rev"),
                text(fields, "System.History"), author));
    }

    private static List<WebhookEvent> build(JsonNode resource, String id) {
        CiStatus status = switch (text(resource, "result").toLowerCase(Locale.ROOT)) {
            case "succeeded" -> CiStatus.SUCCESS;
            case "failed", "partiallysucceeded" -> CiStatus.FAILURE;
            case "canceled" -> CiStatus.CANCELLED;
            default -> null;
        };
        if (status == null) {
            return List.of();
        }
        String project = text(resource, "project", "name");
        String repo = text(resource, "repository", "name");
        String repository = repo.isEmpty() ? project : project.isEmpty() ? repo : project + "/" + repo;
        Delivery delivery = new Delivery(Platform.AZURE_DEVOPS, id, repository, identity(at(resource, "requestedFor")));
        String url = text(resource, "_links", "web", "href");
        return List.of(new CiFinished(delivery, CiKind.PIPELINE,
                requireText(resource, "build.complete", "sourceVersion"), status, text(resource, "definition", "name"),
                url.isEmpty() ? text(resource, "url") : url));
    }
}
