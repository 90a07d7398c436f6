package dev.tamma.orchestrator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The dependency direction of DESIGN.md section 1, as rules over compiled classes. */
final class DependencyRules {

    private static final String CORE = "dev.tamma.core..";
    private static final String PROVIDERS = "dev.tamma.providers..";
    private static final String PLATFORMS = "dev.tamma.platforms..";
    private static final String WEBHOOKS = "dev.tamma.webhooks..";
    private static final String WORKER = "dev.tamma.worker..";
    private static final String ORCHESTRATOR = "dev.tamma.orchestrator..";

    /** The core is a plain domain library: the JDK and itself, nothing else. */
    static final ArchRule CORE_IS_PURE_JAVA = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE)
            .as("tamma-core depends on the JDK only (no Spring, Jakarta Persistence, LangChain4j, "
                    + "kohsuke, GitLab4J, JGit, nor any other Tamma module)");

    static final ArchRule PROVIDERS_ARE_SELF_CONTAINED = adapterRule(PROVIDERS, PLATFORMS, WEBHOOKS);
    static final ArchRule PLATFORMS_ARE_SELF_CONTAINED = adapterRule(PLATFORMS, PROVIDERS, WEBHOOKS);
    static final ArchRule WEBHOOKS_ARE_SELF_CONTAINED = adapterRule(WEBHOOKS, PROVIDERS, PLATFORMS);

    /** Workers reach the orchestrator over HTTP only, never through its classes. */
    static final ArchRule WORKER_STAYS_OUT_OF_THE_ORCHESTRATOR = noClasses().that().resideInAPackage(WORKER)
            .should().dependOnClassesThat().resideInAnyPackage(ORCHESTRATOR, WEBHOOKS)
            .as("tamma-worker does not use the orchestrator or the webhooks")
            .allowEmptyShould(true);

    static final List<ArchRule> ALL = List.of(CORE_IS_PURE_JAVA, PROVIDERS_ARE_SELF_CONTAINED,
            PLATFORMS_ARE_SELF_CONTAINED, WEBHOOKS_ARE_SELF_CONTAINED, WORKER_STAYS_OUT_OF_THE_ORCHESTRATOR);

    private static ArchRule adapterRule(String adapter, String... otherAdapters) {
        String[] forbidden = new String[otherAdapters.length + 2];
        System.arraycopy(otherAdapters, 0, forbidden, 0, otherAdapters.length);
        forbidden[otherAdapters.length] = WORKER;
        forbidden[otherAdapters.length + 1] = ORCHESTRATOR;
        return noClasses().that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .as(adapter.replace("..", "") + " depends on the core and its own libraries only, "
                        + "never on another adapter, the worker or the orchestrator")
                // a module that has no classes yet breaks no rule
                .allowEmptyShould(true);
    }

    private DependencyRules() {
    }
}
