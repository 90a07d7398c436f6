package dev.tamma.worker.step;

import dev.tamma.core.ai.JsonSchema;
import dev.tamma.core.platform.Workspace;
import dev.tamma.core.workflow.RunReason;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.worker.StepResult;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * ANALYZE: reads the issue, its discussion and a map of the repository, and decides whether the
 * issue is clear enough to plan. Questions go back to the workflow, which posts them and waits.
 */
final class AnalyzeStep implements LoopStep {

    static final int MAP_TOKENS = 6_000;

    static final JsonSchema.ObjectSchema SCHEMA = ModelQuestion.object("An analysis of the issue")
            .with("summary", ModelQuestion.text("What the issue asks for, in two or three sentences"), true)
            .with("clear", ModelQuestion.flag("Whether the issue is clear enough to plan a change"), true)
            .with("questions", ModelQuestion.list("Questions for the issue's author when it is not clear",
                    ModelQuestion.text("One question")), true);

    private static final String SYSTEM = """
            You analyse a software issue before anyone plans the change. Read the issue, the discussion
            and the repository map. Decide whether the issue says enough to plan a change. Ask questions
            only about what blocks planning (ambiguous behaviour, conflicting requirements, missing
            acceptance criteria for risky changes), at most three, each answerable in a sentence.""";

    @Override
    public StepResult run(StepContext context) {
        String map;
        try (Workspace workspace = context.checkout(context.repository().defaultBranch())) {
            map = RepositoryMap.of(workspace.directory(), MAP_TOKENS);
        }
        StringBuilder prompt = new StringBuilder();
        if (context.request().payload().reason() == RunReason.QUESTIONS_ANSWERED) {
            prompt.append("The questions asked earlier were answered:\n").append(context.request().payload().feedback())
                    .append("\n\n");
        }
        prompt.append(IssueText.of(context)).append("\nRepository map:\n").append(map);
        JsonNode answer = ModelQuestion.ask(context, SYSTEM, prompt.toString(), "analysis", SCHEMA);
        List<String> questions = answer.path("clear").asBoolean(true) ? List.of()
                : ModelQuestion.strings(answer.path("questions"));
        String summary = answer.path("summary").asString("").strip();
        return new StepResult.Succeeded(StepOutput.of(questions.isEmpty() ? summary
                : "asks " + questions.size() + " question(s) before planning").withQuestions(questions));
    }
}
