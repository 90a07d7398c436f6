package dev.tamma.worker.step;

import dev.tamma.core.ai.AiCallRecorder;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.Budget;
import dev.tamma.providers.CodingAgentFactory;
import dev.tamma.providers.ProviderCatalog;
import dev.tamma.providers.ProviderFactory;
import dev.tamma.providers.ProviderSettings;
import dev.tamma.providers.agent.CommandRunner;
import dev.tamma.providers.cost.PriceTable;
import dev.tamma.providers.cost.SpendLedger;
import dev.tamma.providers.cost.WorkflowBudgets;
import dev.tamma.providers.langchain4j.ApiKeys;
import dev.tamma.providers.routing.ProviderStack;
import dev.tamma.providers.routing.ProvidersConfig;
import dev.tamma.providers.routing.RepositoryProviders;
import dev.tamma.providers.routing.RoutedProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The models a worker talks to, read from the operator's AI config file: its endpoints, each metered,
 * priced and recorded inside its resilience policy, built once and shared by every task. Each task
 * gets a cheap view of them ({@link #forTask}) routed as its repository's {@code .tamma.yml} asks,
 * within the operator's routes and budget.
 */
public final class ModelStack {

    private final Map<String, AiProvider> endpoints;
    private final ProvidersConfig operator;
    private final WorkflowBudgets budgets;
    private final CodingAgentFactory agents;

    private ModelStack(Map<String, AiProvider> endpoints, ProvidersConfig operator, WorkflowBudgets budgets,
            CodingAgentFactory agents) {
        this.endpoints = endpoints;
        this.operator = operator;
        this.budgets = budgets;
        this.agents = agents;
    }

    /**
     * @param prices   a YAML file overriding the shipped price table, or {@code null}
     * @param commands how the built-in coding agent runs commands
     */
    static ModelStack from(Path config, Path prices, Map<String, String> environment, CommandRunner commands,
            AiCallRecorder recorder, SpendLedger ledger, ScheduledExecutorService scheduler, Clock clock) {
        String yaml;
        try {
            yaml = Files.readString(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AI config " + config, e);
        }
        List<ProviderSettings> settings = ProviderCatalog.parseYaml(yaml);
        ProvidersConfig routes = ProvidersConfig.parseYaml(yaml);
        PriceTable table = prices == null ? PriceTable.defaults() : PriceTable.defaultsWith(prices);
        WorkflowBudgets budgets = new WorkflowBudgets(routes.budget());
        Map<String, AiProvider> endpoints = ProviderStack.endpoints(settings, routes,
                new ProviderFactory(new ApiKeys(environment), clock), table, budgets, ledger, recorder, scheduler, clock);
        AiProvider operatorRouter = new RoutedProvider(routes.routing(), endpoints); // checks the model file's routes
        return new ModelStack(endpoints, routes, budgets, new CodingAgentFactory(operatorRouter,
                settings, table, commands, environment, recorder, clock));
    }

    /** The ids of the operator's providers: all a repository's routes may name. */
    public Set<String> providerIds() {
        return endpoints.keySet();
    }

    /**
     * The models one step of a workflow works with: its repository's routes over the operator's, the
     * built-in coding agent on them, and the workflow's budget, which from now on holds every call
     * the workflow makes in this process.
     *
     * @throws IllegalArgumentException when the repository names a provider the operator does not configure
     */
    public TaskModels forTask(String workflowId, RepositoryProviders repository) {
        AiProvider routed = new RoutedProvider(repository.over(operator.routing()), endpoints);
        Budget budget = budgets.hold(workflowId, repository.within(operator.budget()));
        return new TaskModels(routed, agents.builtinOn(routed), budget);
    }
    /** Forgets what {@link #forTask} held for the workflow, once its step is over. */
    public void release(String workflowId) {
        budgets.release(workflowId);
    }

}
