package dev.tamma.orchestrator.testdb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole service on a random port, against the shared test PostgreSQL, with {@link ApiClient}'s admin token. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tamma.api.admin-token=" + ApiClient.ADMIN_TOKEN)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface TammaSpringTest {
}
