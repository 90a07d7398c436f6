package dev.tamma.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.ai.AiCallRecorded;
import dev.tamma.core.ai.CallContext;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.workflow.Step;
import dev.tamma.orchestrator.ai.AiCallEvents;
import dev.tamma.orchestrator.events.EventStore;
import dev.tamma.orchestrator.events.NewEvent;
import dev.tamma.orchestrator.events.Upcasters;
import dev.tamma.orchestrator.testdb.TestDatabase;
import dev.tamma.worker.StepHandlers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tamma costs} over a seeded log in a database of its own. */
class CostsCommandTest {

    private static final Instant DAY1 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-21T09:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();
    private DatabaseConnector connector;

    private static AiCallRecorded call(String repository, int issue, Step step, String provider, String model,
            TokenUsage usage, String cost, boolean priceKnown, AiCallRecorded.Outcome outcome, Instant at) {
        return new AiCallRecorded(new CallContext("workflow-" + repository + "-" + issue, repository, issue, step, 1),
                provider, model, usage, new BigDecimal(cost), priceKnown, Duration.ofSeconds(3), outcome, at);
    }

    @BeforeEach
    void seededLog() {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase("costs_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
        Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate();
        JsonMapper mapper = JsonMapper.builder().build();
        EventStore store = new EventStore(new JdbcTemplate(new DriverManagerDataSource(url, db.username(), db.password())),
                List.of(), new Upcasters(List.of(), mapper));
        connector = () -> {
            var connection = DriverManager.getConnection(url, db.username(), db.password());
            return new DatabaseConnector.Session() {
                public java.sql.Connection connection() { return connection; }
                public void close() throws java.sql.SQLException { connection.close(); }
            };
        };
        List<AiCallRecorded> calls = List.of(
                call("acme/shop", 7, Step.PLAN, "anthropic", "claude-sonnet-4-5", new TokenUsage(10_000, 2_000, 0),
                        "0.06", true, AiCallRecorded.Outcome.SUCCESS, DAY1),
                call("acme/shop", 7, Step.IMPLEMENT, "anthropic", "claude-sonnet-4-5",
                        new TokenUsage(400_000, 30_000, 300_000), "0.84", true, AiCallRecorded.Outcome.SUCCESS, DAY2),
                call("acme/shop", 8, Step.IMPLEMENT, "openai", "gpt-4.1", TokenUsage.NONE, "0", true,
                        AiCallRecorded.Outcome.RATE_LIMITED, DAY2.plusSeconds(60)),
                call("acme/api", 3, Step.REVIEW, "lmstudio", "qwen3", new TokenUsage(5_000, 800, 0), "0", false,
                        AiCallRecorded.Outcome.SUCCESS, DAY2.plusSeconds(120)),
                call("other/site", 1, Step.ANALYZE, "openai", "gpt-5-mini", new TokenUsage(1_000, 100, 0), "0.00045",
                        true, AiCallRecorded.Outcome.SUCCESS, DAY2.plusSeconds(180)));
        for (AiCallRecorded call : calls) {
            String stream = AiCallEvents.streamOf(call.context().workflowId());
            store.append(stream, store.version(stream), List.of(AiCallEvents.encode(UUID.randomUUID(), call, "w1")));
        }
        // a workflow event, which costs nothing and must not be read as a call
        store.append("workflow-acme/shop-7", 0, List.of(NewEvent.of("workflow.started", 1, DAY1, "tamma", "{}")));
    }

    @Test
    void theTableForPeopleSumsByStepWithATotalAndMarksUnpricedCalls() {
        Result r = costs("--by", "step");

        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("""
                AI spend by step, all repositories, from the beginning until now
                STEP       CALLS  FAILED  INPUT TOKENS   CACHED  OUTPUT TOKENS  COST USD
                implement      2       1       400,000  300,000         30,000    0.8400
                plan           1       0        10,000        0          2,000    0.0600
                analyze        1       0         1,000        0            100    0.0005
                review         1       0         5,000        0            800    0.0000*
                -------------------------------------------------------------------------
                total          5       1       416,000  300,000         32,900    0.9005*
                * 1 call was to a model without a known price and counted as $0: these totals are lower bounds.
                """);
    }

    @Test
    void jsonForScriptsHasExactAmountsForEachLineAndTheTotal() {
        Result r = costs("--by", "model", "--json");

        assertThat(r.exit).isZero();
        JsonNode report = json.readTree(r.out);
        assertThat(report.path("by").asString()).isEqualTo("model");
        assertThat(report.path("totalUsd").decimalValue()).isEqualByComparingTo("0.90045");
        assertThat(report.path("incomplete").asBoolean()).isTrue();
        assertThat(report.path("total").path("calls").asLong()).isEqualTo(5);
        JsonNode first = report.path("lines").get(0);
        assertThat(first.path("key").asString()).isEqualTo("anthropic:claude-sonnet-4-5");
        assertThat(first.path("calls").asLong()).isEqualTo(2);
        assertThat(first.path("inputTokens").asLong()).isEqualTo(410_000);
        assertThat(first.path("cachedInputTokens").asLong()).isEqualTo(300_000);
        assertThat(first.path("costUsd").decimalValue()).isEqualByComparingTo("0.90");
        assertThat(report.path("lines")).extracting(line -> line.path("key").asString())
                .containsExactly("anthropic:claude-sonnet-4-5", "openai:gpt-5-mini", "lmstudio:qwen3", "openai:gpt-4.1");
        assertThat(report.path("lines").get(2).path("unpricedCalls").asLong()).isEqualTo(1);
    }

    @Test
    void aTimeRangeAndARepositoryGlobNarrowTheCalls() {
        JsonNode byIssue = json.readTree(costs("--by", "issue", "--repository", "acme/*", "--since", "2026-11-21",
                "--json").out);
        assertThat(byIssue.path("lines")).extracting(line -> line.path("key").asString())
                .containsExactly("acme/shop#7", "acme/api#3", "acme/shop#8");
        assertThat(byIssue.path("totalUsd").decimalValue()).isEqualByComparingTo("0.84");
        assertThat(byIssue.path("repository").asString()).isEqualTo("acme/*");
        assertThat(byIssue.path("since").asString()).isEqualTo("2026-11-21T00:00:00Z");

        JsonNode day1 = json.readTree(costs("--by", "repository", "--until", "2026-11-21T00:00:00Z", "--json").out);
        assertThat(day1.path("lines")).singleElement()
                .satisfies(line -> assertThat(line.path("key").asString()).isEqualTo("acme/shop"));
        assertThat(day1.path("totalUsd").decimalValue()).isEqualByComparingTo("0.06");

        assertThat(costs("--repository", "acme/shop", "--by", "provider").out)
                .contains("anthropic      2       0       410,000  300,000         32,000    0.9000");
    }

    @Test
    void anEmptyRangeSaysSo() {
        Result r = costs("--since", "2030-01-01");
        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("""
                AI spend by repository, all repositories, from 2030-01-01T00:00:00Z until now
                No AI calls were recorded in that range.
                """);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(costs("--by", "team").err).contains("Cannot group costs by 'team'; use one of [repository, issue, "
                + "step, provider, model]");
        assertThat(costs("--since", "last week").err).contains("'last week' is neither an instant "
                + "(2026-11-21T10:00:00Z), a date (2026-11-21) nor a time ago (7d, 12h, 30m)");
        assertThat(costs("--since", "2026-11-22", "--until", "2026-11-21").err)
                .contains("--since (2026-11-22T00:00:00Z) must be before --until (2026-11-21T00:00:00Z)");
    }

    @Test
    void aTimeAgoCountsBackFromNow() {
        Instant since = Instant.parse(json.readTree(costs("--since", "7d", "--json").out).path("since").asString());
        assertThat(since).isBetween(Instant.now().minus(Duration.ofDays(7)).minusSeconds(60),
                Instant.now().minus(Duration.ofDays(7)));
        assertThat(since.getNano()).as("whole seconds, for people to read").isZero();
    }

    private record Result(int exit, String out, String err) {
    }

    private Result costs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "costs";
        System.arraycopy(args, 0, command, 1, args.length);
        int exit = TammaCommandLine.run(connector, StepHandlers.none(), new PrintWriter(out, true),
                new PrintWriter(err, true), command);
        return new Result(exit, out.toString(), err.toString());
    }
}
