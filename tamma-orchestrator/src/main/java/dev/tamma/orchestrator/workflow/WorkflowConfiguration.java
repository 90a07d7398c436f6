package dev.tamma.orchestrator.workflow;

import dev.tamma.core.workflow.Jitter;
import dev.tamma.core.workflow.WorkflowMachine;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Retry jitter only has to spread workflows apart; the instants it picks are recorded as
     * events, so a seed per process is enough and replay never needs it.
     */
    @Bean
    WorkflowMachine workflowMachine() {
        return new WorkflowMachine(Jitter.seeded(new SecureRandom().nextLong()));
    }
}
