package dev.tamma.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tamma service: the only Spring Boot application of the project. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TammaApplication {

    public static void main(String[] args) {
        SpringApplication.run(TammaApplication.class, args);
    }
}
