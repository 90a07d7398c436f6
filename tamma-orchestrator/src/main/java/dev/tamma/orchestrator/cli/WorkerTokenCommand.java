package dev.tamma.orchestrator.cli;

import dev.tamma.orchestrator.lease.WorkerTokens;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tamma worker-token create|list|revoke}, straight against the database. */
@Command(name = "worker-token", mixinStandardHelpOptions = true,
        description = "Create, list and revoke the tokens workers use to lease steps.",
        subcommands = {WorkerTokenCommand.Create.class, WorkerTokenCommand.ListTokens.class,
            WorkerTokenCommand.Revoke.class})
public final class WorkerTokenCommand {

    abstract static class Base implements Callable<Integer> {
        final DatabaseConnector database;

        @Spec
        CommandLine.Model.CommandSpec spec;

        Base(DatabaseConnector database) {
            this.database = database;
        }

        @Override
        public Integer call() throws Exception {
            try (var session = database.open()) {
                var tokens = new WorkerTokens(JdbcClient.create(new SingleConnectionDataSource(session.connection(), true)));
                return run(tokens, spec.commandLine().getOut());
            }
        }

        abstract int run(WorkerTokens tokens, PrintWriter out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token; it is shown once.")
    static final class Create extends Base {
        @Option(names = "--name", required = true, description = "What the token is for, e.g. ci-runners.")
        String name;

        @Option(names = "--repositories", split = ",", paramLabel = "GLOB,...",
                description = "Limit to these repositories (acme/*); default: any.")
        List<String> repositories = List.of();

        @Option(names = "--labels", split = ",", paramLabel = "a,b", description = "Limit to these labels; default: any.")
        List<String> labels = List.of();

        Create(DatabaseConnector database) {
            super(database);
        }

        @Override
        int run(WorkerTokens tokens, PrintWriter out) {
            WorkerTokens.Created created = tokens.create(name, repositories, labels);
            out.println("Created worker token " + created.id() + " (" + name + "). It is shown only now:");
            out.println(created.secret());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens extends Base {
        ListTokens(DatabaseConnector database) {
            super(database);
        }

        @Override
        int run(WorkerTokens tokens, PrintWriter out) {
            out.printf("%-14s %-20s %-24s %-16s %s%n", "ID", "NAME", "REPOSITORIES", "LABELS", "STATE");
            for (WorkerTokens.Listed t : tokens.list()) {
                out.printf("%-14s %-20s %-24s %-16s %s%n", t.id(), t.name(),
                        t.repositories().isEmpty() ? "any" : String.join(",", t.repositories()),
                        t.labels().isEmpty() ? "any" : String.join(",", t.labels()),
                        t.revokedAt() == null ? "active since " + t.createdAt() : "revoked " + t.revokedAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
    static final class Revoke extends Base {
        @Parameters(paramLabel = "ID")
        String id;

        Revoke(DatabaseConnector database) {
            super(database);
        }

        @Override
        int run(WorkerTokens tokens, PrintWriter out) {
            if (!tokens.revoke(id)) {
                spec.commandLine().getErr().println("tamma worker-token: no active token " + id);
                return 1;
            }
            out.println("Revoked " + id + ". Workers using it are refused from now on.");
            return 0;
        }
    }
}
