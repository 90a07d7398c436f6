package dev.tamma.orchestrator.database;

import dev.tamma.orchestrator.TammaProperties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no database configured, Tamma runs its own PostgreSQL with the data under
 * {@code $TAMMA_HOME/pgdata}, so a first start needs nothing installed and nothing written.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(TammaProperties properties) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.home().resolve("pgdata"));
        log.info("No database configured: started the embedded PostgreSQL on port {} with its data in {}. "
                        + "To use your own PostgreSQL, set TAMMA_DATABASE_URL (jdbc:postgresql://host:5432/tamma), "
                        + "TAMMA_DATABASE_USERNAME and TAMMA_DATABASE_PASSWORD.",
                server.port(), server.dataDirectory());
        return server;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresServer server) {
        return DataSourceBuilder.create()
                .url(server.jdbcUrl())
                .username(EmbeddedPostgresServer.USER)
                .build();
    }

    static final class NoDatabaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
