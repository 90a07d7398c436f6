package dev.tamma.orchestrator.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.tamma.core.fixture.CoreUsingSpring;
import dev.tamma.platforms.fixture.PlatformUsingTheOrchestrator;
import dev.tamma.providers.fixture.ProviderUsingAPlatform;
import org.junit.jupiter.api.Test;

class DependencyRulesTest {

    /**
     * Every module's production classes (as jars or class folders on this test classpath); not the
     * platforms' test-jar, whose contract suite the orchestrator's tests run.
     */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.tamma");

    @Test
    void productionCodeKeepsTheDependencyDirection() {
        for (ArchRule rule : DependencyRules.ALL) {
            rule.check(PRODUCTION);
        }
    }

    @Test
    void coreRuleCatchesAFrameworkImport() {
        assertViolates(DependencyRules.CORE_IS_PURE_JAVA, CoreUsingSpring.class, "org.springframework");
    }

    @Test
    void adapterRulesCatchAnAdapterUsingAnother() {
        assertViolates(DependencyRules.PROVIDERS_ARE_SELF_CONTAINED, ProviderUsingAPlatform.class,
                "dev.tamma.platforms");
    }

    @Test
    void adapterRulesCatchAnAdapterUsingTheOrchestrator() {
        assertViolates(DependencyRules.PLATFORMS_ARE_SELF_CONTAINED, PlatformUsingTheOrchestrator.class,
                "dev.tamma.orchestrator");
    }

    private static void assertViolates(ArchRule rule, Class<?> offender, String named) {
        JavaClasses classes = new ClassFileImporter().importClasses(offender);
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender.getName())
                .hasMessageContaining(named);
    }
}
