package dev.tamma.orchestrator;

import dev.tamma.orchestrator.cli.DatabaseConnector;
import dev.tamma.orchestrator.cli.TammaCommandLine;
import dev.tamma.orchestrator.local.Demo;
import dev.tamma.orchestrator.local.LocalRun;
import dev.tamma.orchestrator.logging.LogRedaction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import picocli.CommandLine;

/** The Tamma service: the only Spring Boot application of the project. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TammaApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "demo".equals(args[0])) {
            System.exit(Demo.run(args.length > 1 ? Path.of(args[1]) : null, new PrintWriter(System.out, true)));
        }
        if (args.length > 0 && "run".equals(args[0])) {
            System.exit(new CommandLine(new LocalRun(System.getenv(), new PrintWriter(System.out, true)))
                    .execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && TammaCommandLine.COMMANDS.contains(args[0])) {
            // a command for the operator: runs without the service, and keeps standard output
            // for its own output
            System.setProperty("logback.configurationFile",
                    "worker".equals(args[0]) ? "logback-worker.xml" : "logback-cli.xml");
            LogRedaction.install();
            System.exit(TammaCommandLine.run(DatabaseConnector.fromEnvironment(System.getenv()),
                    new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
        }
        SpringApplication.run(TammaApplication.class, args);
    }
}
