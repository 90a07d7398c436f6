package dev.tamma.orchestrator.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code tamma approve|revise|answer|retry|stop WORKFLOW}: the {@code /tamma} comment commands,
 * given through a running orchestrator's API as its {@code tamma.api.admin-user}. Exit 0 when the
 * workflow took the command, 1 when the orchestrator refused it (the reason is printed).
 */
final class SteeringCommands {

    private SteeringCommands() {
    }

    /** What every steering command shares: the connection, the output, and how it reports. */
    abstract static class Steering implements Callable<Integer> {

        @Mixin
        ApiConnection api;

        @Mixin
        OutputOptions output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WORKFLOW", description = "A workflow id, or an issue (acme/shop#42).")
        String workflow;

        abstract String action();

        abstract Map<String, Object> body();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                String id = WorkflowReference.resolve(api, workflow);
                JsonNode result = api.post("/api/v1/workflows/" + ApiConnection.encode(id) + "/" + action(), body());
                if (output.json) {
                    out.println(api.json().writeValueAsString(result));
                } else {
                    TerminalStyle style = output.style();
                    String waiting = result.path("waitingFor").isString()
                            ? ", waiting for " + TerminalStyle.lower(result.path("waitingFor").asString()) : "";
                    out.println(style.ok(result.path("command").asString() + " as " + result.path("actor").asString())
                            + ": " + id + " is " + style.status(result.path("status").asString()) + " at "
                            + TerminalStyle.lower(result.path("step").asString()) + waiting);
                }
                return 0;
            } catch (ApiConnection.Refused e) {
                if (output.json) {
                    out.println(api.json().writeValueAsString(Map.of("status", e.status(), "error", e.getMessage())));
                }
                spec.commandLine().getErr().println("tamma " + spec.name() + ": refused (" + e.status() + "): "
                        + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve the design (or one of its options), or with --merge the merge.")
    static final class Approve extends Steering {

        static final class What {
            @Option(names = "--option", paramLabel = "N", description = "Approve plan option N.")
            Integer option;

            @Option(names = "--merge", description = "Approve the merge checkpoint (/tamma approve merge).")
            boolean merge;
        }

        @ArgGroup(exclusive = true)
        What what;

        @Override
        String action() {
            return "approve";
        }

        @Override
        Map<String, Object> body() {
            Map<String, Object> body = new HashMap<>();
            if (what != null && what.option != null) {
                body.put("option", what.option);
            }
            if (what != null && what.merge) {
                body.put("merge", true);
            }
            return body;
        }
    }

    @Command(name = "revise", mixinStandardHelpOptions = true,
            description = "Ask for changes: to the plan at the design checkpoint, to the code at the merge checkpoint.")
    static final class Revise extends Steering {

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "What to change.")
        List<String> text;

        @Override
        String action() {
            return "revise";
        }

        @Override
        Map<String, Object> body() {
            return Map.of("text", String.join(" ", text));
        }
    }

    @Command(name = "answer", mixinStandardHelpOptions = true, description = "Answer the questions Tamma asked.")
    static final class Answer extends Steering {

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The answer.")
        List<String> text;

        @Override
        String action() {
            return "answer";
        }

        @Override
        Map<String, Object> body() {
            return Map.of("text", String.join(" ", text));
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "After an escalation, try the failed step again, or start again from an earlier step.")
    static final class Retry extends Steering {

        @Option(names = "--from", paramLabel = "STEP", description = "Start again from this step (implement, plan, ...).")
        String from;

        @Override
        String action() {
            return "retry";
        }

        @Override
        Map<String, Object> body() {
            return from == null ? Map.of() : Map.of("from", from);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Cancel the workflow and release its repository.")
    static final class Stop extends Steering {

        @Override
        String action() {
            return "stop";
        }

        @Override
        Map<String, Object> body() {
            return Map.of();
        }
    }
}
