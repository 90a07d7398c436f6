package dev.tamma.worker.step;

import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.platform.CommentMarker;
import dev.tamma.core.platform.PullRequest;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * REVIEW: the model reviews the pull request's diff against the issue; breaking changes, large
 * deletions and protected paths are flagged (from the diff itself, and from the model), which makes
 * the merge wait for a person. The review is one comment on the pull request; its must-fix findings
 * are a checklist ADDRESS_COMMENTS works through. Only the first review asks for fixes, so a fix
 * cannot start an endless review loop; later reviews report.
 */
final class ReviewStep implements LoopStep {

    static final CommentMarker MARKER = new CommentMarker("review");
    static final String OPEN_ITEM = "- [ ] ";
    static final String DONE_ITEM = "- [x] ";
    private static final int DIFF_LIMIT = 60_000;

    static final JsonSchema.ObjectSchema SCHEMA = ModelQuestion.object("A code review")
            .with("summary", ModelQuestion.text("The overall verdict in one or two sentences"), true)
            .with("breakingChange", ModelQuestion.flag("Whether the change breaks existing users"), true)
            .with("breakingReasons", ModelQuestion.list("What breaks, if anything", ModelQuestion.text("A reason")), true)
            .with("findings", ModelQuestion.list("Problems found", ModelQuestion.object("One finding")
                    .with("path", ModelQuestion.text("The file"), true)
                    .with("line", ModelQuestion.number("The line in the new file, 0 for the whole file"), true)
                    .with("mustFix", ModelQuestion.flag("True for bugs, missing tests, security; false for suggestions"), true)
                    .with("body", ModelQuestion.text("What is wrong and what to do"), true)), true);

    private static final String SYSTEM = """
            You review a pull request as a careful senior engineer. Check that it solves the issue, that
            tests prove the behaviour, and look for bugs, security problems and breaking changes (changed
            public signatures, removed endpoints, schema migrations, changed configuration). Report only
            real problems; mark as mustFix only what must change before merging.""";

    @Override
    public StepResult run(StepContext context) {
        PullRequest pullRequest = context.platform().pullRequest(context.pullRequestNumber());
        Workspace.Diff diff;
        try (Workspace workspace = context.checkout(pullRequest.head())) {
            diff = workspace.diffFrom(context.repository().defaultBranch());
        }
        List<String> protectedPaths = context.config().protectedPathsTouched(diff.files());
        Set<String> breaking = new LinkedHashSet<>(BreakingChanges.in(diff));
        String patch = diff.patch().length() > DIFF_LIMIT
                ? diff.patch().substring(0, DIFF_LIMIT) + "\n[diff cut at " + DIFF_LIMIT + " characters]" : diff.patch();
        JsonNode answer = ModelQuestion.ask(context, SYSTEM, IssueText.of(context) + "\nPull request #"
                + pullRequest.number() + ": " + pullRequest.title() + "\n\nDiff (" + diff.files().size() + " files, +"
                + diff.addedLines() + " -" + diff.deletedLines() + "):\n" + patch, "review", SCHEMA);
        if (answer.path("breakingChange").asBoolean(false)) {
            breaking.addAll(ModelQuestion.strings(answer.path("breakingReasons")));
            if (breaking.isEmpty()) {
                breaking.add("the review found a breaking change");
            }
        }
        boolean asksForFixes = context.task().attempt() == 1;
        List<String> mustFix = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        for (JsonNode f : answer.path("findings")) {
            int line = f.path("line").asInt(0);
            String where = "`" + f.path("path").asString("?") + (line > 0 ? ":" + line : "") + "` ";
            String item = where + f.path("body").asString("").strip().replace('\n', ' ');
            (f.path("mustFix").asBoolean(false) && asksForFixes ? mustFix : suggestions).add(item);
        }
        StringBuilder md = new StringBuilder("## Tamma's review\n\n").append(answer.path("summary").asString("").strip())
                .append("\n\n");
        if (!breaking.isEmpty() || !protectedPaths.isEmpty() || diff.deletedLines() > context.config().review().deletionThreshold()) {
            md.append("### Needs a person's approval\n\n");
            breaking.forEach(b -> md.append("- Breaking: ").append(b).append('\n'));
            protectedPaths.forEach(p -> md.append("- Protected path: `").append(p).append("`\n"));
            if (diff.deletedLines() > context.config().review().deletionThreshold()) {
                md.append("- Deletes ").append(diff.deletedLines()).append(" lines\n");
            }
            md.append('\n');
        }
        if (!mustFix.isEmpty()) {
            md.append("### To fix before merging\n\n");
            mustFix.forEach(m -> md.append(OPEN_ITEM).append(m).append('\n'));
            md.append('\n');
        }
        if (!suggestions.isEmpty()) {
            md.append("### Suggestions\n\n");
            suggestions.forEach(s -> md.append("- ").append(s).append('\n'));
        }
        context.platform().upsertComment(pullRequest.number(), MARKER, md.toString().stripTrailing());
        return new StepResult.Succeeded(StepOutput.of("reviewed " + diff.files().size() + " file(s): " + mustFix.size()
                + " to fix, " + suggestions.size() + " suggestion(s)" + (breaking.isEmpty() ? "" : ", breaking"))
                .withRisk(!breaking.isEmpty(), diff.deletedLines(), protectedPaths));
    }
}
