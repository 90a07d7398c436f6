package dev.tamma.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "pom.xml,                 pom.xml,                                   true",
            "pom.xml,                 tamma-core/pom.xml,                        false",
            "**/pom.xml,              pom.xml,                                   true",
            "**/pom.xml,              tamma-core/pom.xml,                        true",
            "**/db/migration/**,      db/migration/V1__a.sql,                    true",
            "**/db/migration/**,      a/src/main/resources/db/migration/V1.sql,  true",
            "**/db/migration/**,      a/db/migrations/V1.sql,                    false",
            ".ci/**,                  .ci/run,                                   true",
            ".ci/**,                  .ci/a/b/c,                                 true",
            ".ci/**,                  src/.ci/run,                               false",
            "*.md,                    README.md,                                 true",
            "*.md,                    docs/README.md,                            false",
            "docs/*.md,               docs/a.md,                                 true",
            "src/**/Main.java,        src/Main.java,                             true",
            "src/**/Main.java,        src/a/b/Main.java,                         true",
            "file?.txt,               file1.txt,                                 true",
            "file?.txt,               file/.txt,                                 false",
            "'V[0-9]*.sql',           V1__a.sql,                                 true",
            "'V[!0-9]*.sql',          Vx.sql,                                    true",
            "'V[!0-9]*.sql',          V1.sql,                                    false",
            "'{Dockerfile,*.yml}',    docker-compose.yml,                        true",
            "'{Dockerfile,*.yml}',    Dockerfile,                                true",
            "helm/,                   helm/templates/a.yaml,                     true",
            "/mvnw,                   mvnw,                                      true",
            "./mvnw,                  ./mvnw,                                    true",
            "a+b(c).txt,              a+b(c).txt,                                true",
            "'a\\*b',                 a*b,                                       true",
            "'a\\*b',                 axb,                                       false"})
    void matchesPathsFromTheRepositoryRoot(String pattern, String path, boolean matches) {
        assertThat(PathGlob.of(pattern).matches(path)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "src/[main        | has a '[' that is never closed",
            "docs/{a,b        | has a '{' that is never closed",
            "docs/a}          | has a '}' without a '{' before it",
            "trailing\\       | ends with a lone '\\'",
            "'   '            | is empty",
            "'[z-a].txt'      | is not a valid pattern: Illegal character range"})
    void badPatternsSayWhatIsWrong(String pattern, String problem) {
        assertThatIllegalArgumentException().isThrownBy(() -> PathGlob.of(pattern)).withMessage(problem);
    }
}
