package dev.tamma.worker.step;

import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.Issue;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.FailureCause;
import dev.tamma.worker.StepResult;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * COMPLETION_CHECK: the issue's acceptance criteria, one by one, against the change. The verdict is
 * one comment on the issue; a criterion not met fails the attempt with the reasons.
 */
final class CompletionCheckStep implements LoopStep {

    static final CommentMarker MARKER = new CommentMarker("completion");
    private static final int DIFF_LIMIT = 40_000;

    static final JsonSchema.ObjectSchema SCHEMA = ModelQuestion.object("Whether the change meets the issue")
            .with("summary", ModelQuestion.text("The verdict in one sentence"), true)
            .with("criteria", ModelQuestion.list("Each acceptance criterion", ModelQuestion.object("One criterion")
                    .with("criterion", ModelQuestion.text("The criterion as the issue states it"), true)
                    .with("met", ModelQuestion.flag("Whether the change meets it"), true)
                    .with("evidence", ModelQuestion.text("Where in the change, or what is missing"), true)), true);

    private static final String SYSTEM = """
            You check whether a finished change does what its issue asks. Take the acceptance criteria the
            issue lists (checklist items or an "Acceptance criteria" section; otherwise the requirements its
            text states) and judge each one against the diff. Be strict: a criterion without evidence in the
            diff is not met.""";

    @Override
    public StepResult run(StepContext context) {
        Issue issue = context.issue();
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        Workspace.Diff diff;
        try (Workspace workspace = context.checkout(pullRequest.head())) {
            diff = workspace.diffFrom(context.repository().defaultBranch());
        }
        String patch = diff.patch().length() > DIFF_LIMIT ? diff.patch().substring(0, DIFF_LIMIT) + "\n[diff cut]" : diff.patch();
        JsonNode answer = ModelQuestion.ask(context, SYSTEM, "Issue #" + issue.number() + ": " + issue.title() + "\n\n"
                + issue.body() + "\n\nDiff of pull request #" + pullRequest.number() + ":\n" + patch, "completion", SCHEMA);
        List<String> unmet = new ArrayList<>();
        StringBuilder md = new StringBuilder("## Completion check for #").append(issue.number()).append("\n\n")
                .append("| | Criterion | Evidence |\n|---|---|---|\n");
        for (JsonNode c : answer.path("criteria")) {
            boolean met = c.path("met").asBoolean(false);
            String criterion = cell(c.path("criterion").asString(""));
            md.append(met ? "| ✅ | " : "| ❌ | ").append(criterion).append(" | ").append(cell(c.path("evidence").asString("")))
                    .append(" |\n");
            if (!met) {
                unmet.add(criterion);
            }
        }
        if (answer.path("criteria").isEmpty()) {
            throw new StepFailure.Transient("the completion check named no criteria", answer.toString());
        }
        md.append('\n').append(answer.path("summary").asString("").strip());
        context.platform().upsertComment(issue.number(), MARKER, md.toString());
        if (!unmet.isEmpty()) {
            return new StepResult.Failed(FailureCause.TRANSIENT, unmet.size() + " acceptance criteria not met: "
                    + String.join("; ", unmet), md.toString());
        }
        return StepResult.succeeded("all " + answer.path("criteria").size() + " acceptance criteria met");
    }

    private static String cell(String text) {
        return text.strip().replace("|", "\\|").replace('\n', ' ');
    }
}
