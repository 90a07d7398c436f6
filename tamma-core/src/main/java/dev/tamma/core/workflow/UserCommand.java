package dev.tamma.core.workflow;

import java.util.Locale;
import java.util.Optional;

/** A {@code /tamma ...} command written by a person in a comment. */
public sealed interface UserCommand {

    String PREFIX = "/tamma";

    /** {@code /tamma approve}: accept the plan as posted. */
    record Approve() implements UserCommand {}

    /** {@code /tamma approve option N}: accept plan option N (1-based). */
    record ApproveOption(int option) implements UserCommand {}

    /** {@code /tamma approve merge}: let Tamma merge the pull request. */
    record ApproveMerge() implements UserCommand {}

    /** {@code /tamma revise <text>}: change the plan (or, at the merge checkpoint, the code). */
    record Revise(String text) implements UserCommand {}

    /** {@code /tamma answer <text>}: answer the questions ANALYZE asked. */
    record Answer(String text) implements UserCommand {}

    /** {@code /tamma retry}: after an escalation, try the failed step again with fresh attempts. */
    record Retry() implements UserCommand {}

    /** {@code /tamma retry from <step>}: start again from an earlier step. */
    record RetryFrom(Step step) implements UserCommand {}

    /** {@code /tamma stop}: cancel the workflow and release the repository. */
    record Stop() implements UserCommand {}

    /** {@code /tamma status}: where the workflow stands. */
    record Status() implements UserCommand {}

    /** {@code /tamma help}. */
    record Help() implements UserCommand {}

    /** Anything else after {@code /tamma}; answered with help. */
    record Unrecognized(String text) implements UserCommand {}

    /**
     * Reads the command in a comment's first line. Returns empty when the comment is not
     * addressed to Tamma at all, so ordinary discussion is never answered.
     */
    static Optional<UserCommand> parse(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        String text = comment.strip();
        if (!text.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
            return Optional.empty(); // "/tammaX" is someone else's command
        }
        String[] words = rest.strip().split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        // Answers and revisions may span lines; the other commands live on the first line.
        String fullTail = words.length > 1 ? words[1].strip() : "";
        String tail = fullTail.lines().findFirst().orElse("").strip();
        String args = (verb + " " + tail).strip();
        UserCommand command = switch (verb) {
            case "approve" -> approve(tail, args);
            case "revise" -> fullTail.isEmpty() ? new Unrecognized(args) : new Revise(fullTail);
            case "answer" -> fullTail.isEmpty() ? new Unrecognized(args) : new Answer(fullTail);
            case "retry" -> retry(tail, args);
            case "stop" -> tail.isEmpty() ? new Stop() : new Unrecognized(args);
            case "status" -> tail.isEmpty() ? new Status() : new Unrecognized(args);
            case "help", "" -> new Help();
            default -> new Unrecognized(args);
        };
        return Optional.of(command);
    }

    private static UserCommand approve(String tail, String args) {
        String[] words = tail.toLowerCase(Locale.ROOT).split("\\s+");
        if (tail.isEmpty()) {
            return new Approve();
        }
        if (words.length == 1 && words[0].equals("merge")) {
            return new ApproveMerge();
        }
        if (words.length == 2 && words[0].equals("option")) {
            try {
                int option = Integer.parseInt(words[1]);
                return option >= 1 ? new ApproveOption(option) : new Unrecognized(args);
            } catch (NumberFormatException e) {
                return new Unrecognized(args);
            }
        }
        return new Unrecognized(args);
    }

    private static UserCommand retry(String tail, String args) {
        if (tail.isEmpty()) {
            return new Retry();
        }
        String[] words = tail.split("\\s+", 2);
        if (words.length == 2 && words[0].equalsIgnoreCase("from")) {
            return Step.parse(words[1]).<UserCommand>map(RetryFrom::new).orElseGet(() -> new Unrecognized(args));
        }
        return new Unrecognized(args);
    }
}
