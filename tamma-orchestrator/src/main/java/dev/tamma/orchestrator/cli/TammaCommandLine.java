package dev.tamma.orchestrator.cli;

import dev.tamma.worker.StepHandlers;
import dev.tamma.worker.WorkerCommand;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's commands that run without the service: {@code tamma audit ...},
 * {@code tamma costs ...}, {@code tamma worker-token ...} and {@code tamma worker ...}, and those
 * that talk to a running service's API ({@code status}, {@code logs}, {@code approve}, ...). The
 * launcher passes them to the orchestrator's jar, which runs them here instead of starting the server.
 */
@Command(name = "tamma", mixinStandardHelpOptions = true,
        subcommands = {AuditCommand.class, CostsCommand.class, WorkerTokenCommand.class, WorkerCommand.class,
            StatusCommand.class, LogsCommand.class, SteeringCommands.Approve.class, SteeringCommands.Revise.class,
            SteeringCommands.Answer.class, SteeringCommands.Retry.class, SteeringCommands.Stop.class,
            AutoComplete.GenerateCompletion.class})
public final class TammaCommandLine {

    /** The first arguments that select a command instead of the server. */
    public static final Set<String> COMMANDS = Set.of("audit", "costs", "worker-token", "worker", "status", "logs",
            "approve", "revise", "answer", "retry", "stop", "generate-completion");

    private TammaCommandLine() {
    }

    /** Runs {@code args} and returns the exit code; {@code tamma worker} runs the loop's step handlers. */
    public static int run(DatabaseConnector database, PrintWriter out, PrintWriter err, String... args) {
        return run(database, null, out, err, args);
    }

    /**
     * Runs {@code args} and returns the exit code; {@code tamma worker} runs {@code handlers} instead
     * of the loop's when they are given.
     */
    public static int run(DatabaseConnector database, StepHandlers handlers, PrintWriter out, PrintWriter err,
            String... args) {
        CommandLine line = new CommandLine(new TammaCommandLine(), new Factory(database, handlers));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tamma " + cmd.getCommandName() + ": " + e.getMessage());
            return 2;
        });
        return line.execute(args);
    }

    /** Hands each command what it is built with: the database, or the worker's step handlers when given. */
    private record Factory(DatabaseConnector database, StepHandlers handlers) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == DatabaseConnector.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(database));
                }
                if (parameters.length == 1 && parameters[0] == StepHandlers.class && handlers != null) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(handlers));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
