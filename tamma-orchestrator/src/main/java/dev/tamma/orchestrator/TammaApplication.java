package dev.tamma.orchestrator;

import dev.tamma.orchestrator.cli.AuditCommand;
import dev.tamma.orchestrator.cli.DatabaseConnector;
import java.io.PrintWriter;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tamma service: the only Spring Boot application of the project. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TammaApplication {

    public static void main(String[] args) {
        if (args.length > 0 && AuditCommand.NAME.equals(args[0])) {
            // a command for the operator: runs against the database directly, without the service,
            // and keeps standard output for its own output
            System.setProperty("logback.configurationFile", "logback-cli.xml");
            System.exit(AuditCommand.run(DatabaseConnector.fromEnvironment(System.getenv()),
                    new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                    Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(TammaApplication.class, args);
    }
}
