package dev.tamma.orchestrator;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server-wide settings under {@code tamma.*}; each can be set as a {@code TAMMA_*} environment
 * variable (for example {@code TAMMA_HOME}).
 *
 * @param home where Tamma keeps its own data, such as the embedded database; default {@code ~/.tamma}
 */
@ConfigurationProperties("tamma")
public record TammaProperties(Path home) {

    public TammaProperties {
        if (home == null) {
            home = Path.of(System.getProperty("user.home"), ".tamma");
        }
    }
}
