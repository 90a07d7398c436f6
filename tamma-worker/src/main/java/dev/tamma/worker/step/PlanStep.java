package dev.tamma.worker.step;

import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.RunReason;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;
import java.util.List;

/** PLAN: one to three design options with their trade-offs, posted on the issue as one comment. */
final class PlanStep implements LoopStep {

    static final JsonSchema.ObjectSchema SCHEMA = ModelQuestion.object("A design for the change")
            .with("summary", ModelQuestion.text("The problem and the shape of the solution, briefly"), true)
            .with("options", ModelQuestion.list("One to three ways to make the change",
                    ModelQuestion.object("One option")
                            .with("title", ModelQuestion.text("A short name"), true)
                            .with("approach", ModelQuestion.text("What changes, where, and how"), true)
                            .with("tradeoffs", ModelQuestion.text("What this option costs or risks"), true)
                            .with("files", ModelQuestion.list("Files it creates or changes",
                                    ModelQuestion.text("A path")), true)
                            .with("tests", ModelQuestion.text("The tests that prove it"), true)), true)
            .with("recommended", ModelQuestion.number("The option you recommend, 1-based"), true)
            .with("breakingChange", ModelQuestion.flag(
                    "Whether the change breaks users: public API, endpoints, schemas, configuration"), true);

    private static final String SYSTEM = """
            You design a change to a software repository for a reviewer to approve. Offer one to three
            options (one when the path is obvious), each with what it changes, its trade-offs, the files
            it touches and the tests that prove it. Prefer the smallest change that fully solves the issue.
            Tests come first: every option names the tests to write before the code.""";

    @Override
    public StepResult run(StepContext context) {
        String map;
        try (Workspace workspace = context.checkout(context.repository().defaultBranch())) {
            map = RepositoryMap.of(workspace.directory(), AnalyzeStep.MAP_TOKENS);
        }
        StringBuilder prompt = new StringBuilder(IssueText.of(context)).append("\nRepository map:\n").append(map);
        if (context.request().payload().reason() == RunReason.REVISION_REQUESTED) {
            prompt.append("\nA reviewer asked to revise the previous plan:\n").append(context.request().payload().feedback());
        }
        Plan plan = Plan.from(ModelQuestion.ask(context, SYSTEM, prompt.toString(), "plan", SCHEMA));
        context.platform().upsertComment(context.issueNumber(), Plan.MARKER, plan.markdown(context.issueNumber()));
        List<String> protectedFiles = context.config().protectedPathsTouched(plan.files());
        return new StepResult.Succeeded(StepOutput.of("posted a plan with " + plan.options().size() + " option(s)")
                .withPlanOptions(plan.options().size())
                .withRisk(plan.breakingChange(), 0, protectedFiles));
    }
}
