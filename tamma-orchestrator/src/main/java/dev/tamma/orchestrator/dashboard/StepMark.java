package dev.tamma.orchestrator.dashboard;

import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.api.EventSummary;
import dev.tamma.orchestrator.api.WorkflowViews;
import java.util.Arrays;
import java.util.List;

/**
 * One of the 14 steps on a workflow's progress line, and how far the workflow got with it.
 *
 * @param state {@code done}, {@code current} (running), {@code waiting} (for a person), {@code failed}
 *              (escalated there), {@code cancelled} or {@code todo}
 */
public record StepMark(int number, String name, String label, String state) {

    static List<StepMark> of(WorkflowViews.Detail w) {
        Step at = w.step() == null ? null : Step.valueOf(w.step());
        return Arrays.stream(Step.values()).map(step -> new StepMark(step.ordinal() + 1, step.name(),
                EventSummary.words(step.name()), state(step, at, w.status()))).toList();
    }

    private static String state(Step step, Step at, String status) {
        if ("DONE".equals(status)) {
            return "done";
        }
        if (at == null || step.ordinal() > at.ordinal()) {
            return "todo";
        }
        if (step.ordinal() < at.ordinal()) {
            return "done";
        }
        return switch (status) {
            case "ESCALATED" -> "failed";
            case "WAITING_FOR_HUMAN" -> "waiting";
            case "CANCELLED" -> "cancelled";
            default -> "current";
        };
    }
}
