package dev.tamma.orchestrator.api;

import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.WorkflowStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which workflows a list shows, from the query string. Every value is checked, and a bad one is
 * refused with the parameter's name and what it may be.
 *
 * @param repository an exact repository ({@code acme/shop}) or a glob with {@code *} ({@code acme/*})
 * @param statuses   any of these statuses; empty: all
 * @param step       only workflows at this step
 * @param limit      at most this many, 1 to {@value #MAX_LIMIT}
 * @param offset     skipping this many, newest activity first
 */
public record WorkflowFilter(String repository, List<WorkflowStatus> statuses, Step step, int limit, int offset) {

    public static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 50;

    public static WorkflowFilter parse(String repository, String status, String step, Integer limit, Integer offset) {
        List<WorkflowStatus> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String one : status.split(",")) {
                statuses.add(statusOf(one.strip()));
            }
        }
        Step parsedStep = null;
        if (step != null && !step.isBlank()) {
            parsedStep = Step.parse(step).orElseThrow(() -> new IllegalArgumentException("step must be one of "
                    + Arrays.stream(Step.values()).map(Step::slug).toList() + ", was '" + step + "'"));
        }
        int chosenLimit = limit == null ? DEFAULT_LIMIT : limit;
        if (chosenLimit < 1 || chosenLimit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + chosenLimit);
        }
        int chosenOffset = offset == null ? 0 : offset;
        if (chosenOffset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + chosenOffset);
        }
        String repo = repository == null || repository.isBlank() ? null : repository.strip();
        return new WorkflowFilter(repo, List.copyOf(statuses), parsedStep, chosenLimit, chosenOffset);
    }

    private static WorkflowStatus statusOf(String text) {
        try {
            return WorkflowStatus.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one or more (comma-separated) of "
                    + Arrays.toString(WorkflowStatus.values()) + ", was '" + text + "'", e);
        }
    }

    /** The SQL condition and its arguments, for the {@code workflow} table. */
    String where(List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (repository != null) {
            if (repository.contains("*")) {
                conditions.add("split_part(issue, '#', 1) LIKE ? ESCAPE '\\'");
                args.add(repository.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%'));
            } else {
                conditions.add("split_part(issue, '#', 1) = ?");
                args.add(repository);
            }
        }
        if (!statuses.isEmpty()) {
            conditions.add("status IN (" + String.join(", ", statuses.stream().map(s -> "?").toList()) + ")");
            statuses.forEach(s -> args.add(s.name()));
        }
        if (step != null) {
            conditions.add("step = ?");
            args.add(step.name());
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }
}
