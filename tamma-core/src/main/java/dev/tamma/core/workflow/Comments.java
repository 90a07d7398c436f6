package dev.tamma.core.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every text Tamma writes to people, as Markdown. Kept in core so the wording is tested with the rules. */
final class Comments {

    static final String ESCALATION_KEY = "escalation";
    static final String QUESTIONS_KEY = "questions";
    static final String DESIGN_APPROVAL_KEY = "design-approval";
    static final String MERGE_APPROVAL_KEY = "merge-approval";
    static final String REMINDER_KEY = "reminder";
    static final String OUTCOME_KEY = "outcome";

    /** Long outputs are cut to their end, where the error usually is. */
    static final int EXCERPT_LIMIT = 3000;

    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private Comments() {
    }

    static String escalation(WorkflowState s, Escalation e) {
        StringBuilder text = new StringBuilder()
                .append("### Tamma needs a person\n\n")
                .append("**What failed:** ").append(whatFailed(e)).append("\n\n")
                .append("**Why:** ").append(why(e)).append("\n\n");
        if (!e.outputExcerpt().isBlank()) {
            text.append("**Last output:**\n\n").append(codeBlock(e.outputExcerpt())).append("\n\n");
        }
        return text.append("**What you can do:**\n")
                .append("- `/tamma retry`: ").append(retryMeaning(e)).append('\n')
                .append("- `/tamma retry from <step>`: start again from this or an earlier step, e.g. `/tamma retry from ")
                .append(exampleRestart(e.step()).slug())
                .append("` (steps: ").append(stepsUpTo(s.step())).append(")\n")
                .append("- `/tamma stop`: stop working on this issue and release the repository\n\n")
                .append("The label `").append(Labels.NEEDS_HUMAN).append("` stays until someone answers.")
                .toString();
    }

    static String escalationResolved(String actor) {
        return "~~Tamma needed a person.~~ @" + actor + " asked to try again; back at work.";
    }

    static String questions(List<String> questions, Duration wait) {
        StringBuilder text = new StringBuilder("### Tamma has questions before planning\n\n");
        for (int i = 0; i < questions.size(); i++) {
            text.append(i + 1).append(". ").append(questions.get(i)).append('\n');
        }
        return text.append("\nAnswer with `/tamma answer <your answers>`. Without an answer within ")
                .append(human(wait)).append(", Tamma will ask for help.").toString();
    }

    static String designApprovalRequest(WorkflowState s) {
        String why = s.config().mode() == Mode.DEV ? riskNote(s) : "This repository approves every design.";
        String options = s.change().planOptions() > 1
                ? "- `/tamma approve option N` to pick one of the " + s.change().planOptions() + " options\n"
                : "";
        return "### The plan is ready for approval\n\n" + why + "\n\n"
                + "- `/tamma approve` to go ahead with the plan as posted\n" + options
                + "- `/tamma revise <what to change>` to get a new plan\n";
    }

    static String mergeApprovalRequest(WorkflowState s) {
        String why = s.config().mode() == Mode.DEV ? riskNote(s) : "This repository approves every merge.";
        return "### Ready to merge\n\n" + why + "\n\n"
                + "- `/tamma approve merge` to merge\n"
                + "- `/tamma revise <what to change>` to change the code first\n";
    }

    static String approved(String what, String actor, Integer option) {
        return "✅ " + what + (option != null ? " (option " + option + ")" : "") + " approved by @" + actor + ".";
    }

    static String reminder(HumanWait wait, Instant timeoutAt) {
        return "⏰ Reminder: Tamma is still waiting for " + describe(wait) + ". Without an answer by "
                + timeoutAt + ", " + (wait == HumanWait.ESCALATION
                ? "Tamma stops working on this issue and releases the repository."
                : "Tamma will ask for help (label `" + Labels.NEEDS_HUMAN + "`).");
    }

    static String mergedOutside(String actor) {
        return "The pull request was merged" + by(actor) + " outside Tamma. Done here; the repository is released.";
    }

    static String cancelled(CancelReason reason, String actor) {
        String what = switch (reason) {
            case STOPPED -> "Stopped" + by(actor) + ".";
            case PULL_REQUEST_CLOSED -> "The pull request was closed" + by(actor) + ", so Tamma stopped.";
            case ISSUE_CLOSED -> "The issue was closed" + by(actor) + ", so Tamma stopped.";
            case NO_RESPONSE -> "Nobody answered the escalation, so Tamma stopped.";
        };
        return what + " The repository lock is released. To start over, assign the issue to Tamma again.";
    }

    static String notAuthorized(String actor) {
        return "@" + actor + ", only people with write access to this repository or its configured approvers "
                + "can command Tamma. Nothing was changed. Anyone may ask for `/tamma status` or `/tamma help`.";
    }

    static String finished(WorkflowState s) {
        return "This workflow is " + (s.status() == WorkflowStatus.DONE ? "done" : "cancelled")
                + "; there is nothing left to command. To start over, assign the issue to Tamma again.";
    }

    static String help(WorkflowState s) {
        StringBuilder text = new StringBuilder("Tamma is ").append(whereItStands(s)).append(".\n\nCommands:\n");
        switch (s.waitingFor() == null ? HumanWait.ESCALATION : s.waitingFor()) {
            case QUESTIONS -> text.append("- `/tamma answer <your answers>`\n");
            case DESIGN_APPROVAL -> text.append("- `/tamma approve` or `/tamma approve option N`\n")
                    .append("- `/tamma revise <what to change>`\n");
            case MERGE_APPROVAL -> text.append("- `/tamma approve merge`\n").append("- `/tamma revise <what to change>`\n");
            case ESCALATION -> {
                if (s.status() == WorkflowStatus.ESCALATED) {
                    text.append("- `/tamma retry`\n");
                }
            }
        }
        if (s.status() != WorkflowStatus.RUNNING) {
            text.append("- `/tamma retry from <step>` (steps: ").append(stepsUpTo(s.step())).append(")\n");
        }
        return text.append("- `/tamma stop`\n- `/tamma status`\n- `/tamma help`\n").toString();
    }

    static String unrecognized(String text, WorkflowState s) {
        return "Tamma does not know `/tamma " + text.replace("`", "'") + "`.\n\n" + help(s);
    }

    static String notNow(String command, WorkflowState s) {
        return "`/tamma " + command + "` does not apply now.\n\n" + help(s);
    }

    static String useApproveMerge() {
        return "To merge, comment `/tamma approve merge`.";
    }

    static String mergeApprovalRefused(MergeApproval approval) {
        String why = approval == MergeApproval.BY_ISSUE_AUTHOR
                ? "You opened this issue, and this repository wants its merge approved by someone else"
                : "Tamma could not find out who opened this issue, so it cannot check that the merge approval "
                        + "comes from someone else, as this repository requires";
        return why + ". Nothing was changed; another person with write access can comment `/tamma approve merge`.";
    }

    static String noSuchOption(int option, int options) {
        return "The plan has " + options + " options; there is no option " + option + ". Nothing was changed.";
    }

    static String cannotSkipAhead(Step from, Step current) {
        return "Tamma cannot skip ahead to `" + from.slug() + "`: the workflow is at `" + current.slug()
                + "`. Pick this or an earlier step: " + stepsUpTo(current) + ".";
    }

    static String goingAhead(Step next) {
        return "Thanks, going ahead: Tamma runs `" + next.slug() + "` next.";
    }

    static String retrying(Escalation e) {
        return "Trying again: Tamma will " + retryMeaning(e) + ".";
    }

    static String restartingFrom(Step from) {
        return "Starting again from `" + from.slug() + "`.";
    }

    static String revising(Step redo) {
        return "Thanks, running `" + redo.slug() + "` again with your changes.";
    }

    static String thanksForAnswer() {
        return "Thanks, analysing the issue again with your answer.";
    }

    static String describe(HumanWait wait) {
        return switch (wait) {
            case QUESTIONS -> "answers to its questions";
            case DESIGN_APPROVAL -> "approval of the design";
            case MERGE_APPROVAL -> "approval to merge";
            case ESCALATION -> "a decision on the escalation";
        };
    }

    /** A duration as people say it: {@code 3 days}, {@code 2 hours}, {@code 30 minutes}. */
    static String human(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return plural(d.toHours(), "hour");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return plural(d.toMinutes(), "minute");
        }
        return plural(d.toSeconds(), "second");
    }

    /** Past IMPLEMENT, starting again from it is the usual fix; before it, the failed step itself. */
    private static Step exampleRestart(Step failed) {
        return failed.ordinal() > Step.IMPLEMENT.ordinal() ? Step.IMPLEMENT : failed;
    }

    static String whatFailed(Escalation e) {
        if (e.resumeWait() != null) {
            return "waiting at `" + e.step().slug() + "`";
        }
        return "step `" + e.step().slug() + "`" + (e.cause() == FailureCause.STRUCTURAL
                ? ""
                : " (" + e.failures() + " of " + e.maxAttempts() + " attempts failed)");
    }

    static String why(Escalation e) {
        String cause = switch (e.cause()) {
            case TRANSIENT -> "it kept failing";
            case STRUCTURAL -> "retrying cannot fix this";
            case TIMEOUT -> "it ran out of time";
            case LEASE_EXPIRED -> "the worker running it stopped responding";
        };
        return e.message().isBlank() ? cause : cause + ": " + e.message();
    }

    private static String retryMeaning(Escalation e) {
        if (e.resumeWait() != null) {
            return "wait again for " + describe(e.resumeWait());
        }
        return "run `" + e.resumeStep().slug() + "` again with a fresh set of " + e.maxAttempts() + " attempts";
    }

    private static String riskNote(WorkflowState s) {
        Change c = s.change();
        StringBuilder why = new StringBuilder("This change is risky, so it waits for a person:");
        if (c.breakingChange()) {
            why.append("\n- it is a breaking change");
        }
        if (c.deletedLines() > s.config().deletionThreshold()) {
            why.append("\n- it deletes ").append(c.deletedLines()).append(" lines (threshold ")
                    .append(s.config().deletionThreshold()).append(')');
        }
        if (!c.protectedPaths().isEmpty()) {
            why.append("\n- it touches protected paths: ").append(String.join(", ", c.protectedPaths()));
        }
        return why.toString();
    }

    static String whereItStands(WorkflowState s) {
        return switch (s.status()) {
            case RUNNING -> "running `" + s.step().slug() + "`";
            case WAITING_FOR_HUMAN -> "waiting for " + describe(s.waitingFor());
            case ESCALATED -> "waiting for a person after `" + s.step().slug() + "` failed";
            case DONE -> "done";
            case CANCELLED -> "cancelled";
        };
    }

    private static String stepsUpTo(Step last) {
        StringBuilder steps = new StringBuilder();
        for (Step step : Step.values()) {
            if (step.ordinal() > last.ordinal()) {
                break;
            }
            steps.append(steps.isEmpty() ? "" : ", ").append('`').append(step.slug()).append('`');
        }
        return steps.toString();
    }

    /** A fenced block longer than any backtick run inside, so output cannot break out of it. */
    private static String codeBlock(String output) {
        String tail = output.length() > EXCERPT_LIMIT
                ? "…" + output.substring(output.length() - EXCERPT_LIMIT)
                : output;
        int longest = 0;
        Matcher m = BACKTICK_RUN.matcher(tail);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "\n" + tail.stripTrailing() + "\n" + fence;
    }

    private static String by(String actor) {
        return actor == null || actor.isBlank() ? "" : " by @" + actor;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
