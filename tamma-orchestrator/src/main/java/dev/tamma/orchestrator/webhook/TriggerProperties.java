package dev.tamma.orchestrator.webhook;

import dev.tamma.core.workflow.Mode;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What starts work and who may steer it ({@code tamma.triggers.*}).
 *
 * @param label        the label that starts a workflow on an issue (default {@code tamma})
 * @param botUser      Tamma's own account: an issue assigned to it starts a workflow; its comments are ignored
 * @param approvers    the people whose labels and {@code /tamma} commands are obeyed (case-insensitive)
 * @param mode         the mode new workflows start in
 * @param pollInterval how often the webhook inbox is consumed
 * @param mergeApproval  who may approve a merge in business mode
 * @param autoNext       when a workflow merges, start the repository's next issue with the trigger label
 * @param priorityLabels the labels that order that pick, highest first; then the oldest issue
 */
@ConfigurationProperties("tamma.triggers")
public record TriggerProperties(String label, String botUser, List<String> approvers, Mode mode, Duration pollInterval,
        MergeApprovalRule mergeApproval, Boolean autoNext, List<String> priorityLabels) {

    public TriggerProperties {
        label = label == null || label.isBlank() ? "tamma" : label;
        botUser = botUser == null || botUser.isBlank() ? "tamma" : botUser;
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        mode = mode == null ? Mode.DEV : mode;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        mergeApproval = mergeApproval == null ? new MergeApprovalRule(false) : mergeApproval;
        autoNext = autoNext == null || autoNext;
        priorityLabels = priorityLabels == null ? List.of("priority:high", "priority:medium") : List.copyOf(priorityLabels);
    }

    /**
     * @param allowAuthor the person who opened an issue may approve its merge in business mode
     *                    (default false: someone else must)
     */
    public record MergeApprovalRule(boolean allowAuthor) {
    }
}
