package dev.tamma.orchestrator.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds the workflow an issue, a pull request or a commit belongs to, in the {@code workflow} read model. */
@Component
public class WorkflowLookup {

    private static final String ACTIVE = "status NOT IN ('DONE', 'CANCELLED')";

    private final JdbcClient jdbc;

    public WorkflowLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The running (else the latest) workflow of issue {@code number}, or of the pull request it opened. */
    public Optional<String> latest(String repository, long number, boolean pullRequest) {
        return pullRequest
                ? find("split_part(issue, '#', 1) = ? AND state->'change'->>'pullRequest' = ?", false, repository,
                        Long.toString(number))
                : find("issue = ?", false, repository + "#" + number);
    }

    /** The running workflow of issue {@code number}, or of the pull request it opened. */
    public Optional<String> active(String repository, long number, boolean pullRequest) {
        return pullRequest
                ? find("split_part(issue, '#', 1) = ? AND state->'change'->>'pullRequest' = ?", true, repository,
                        Long.toString(number))
                : find("issue = ?", true, repository + "#" + number);
    }

    /** The running workflow whose last pushed commit is {@code sha}. */
    public Optional<String> activeWithHead(String repository, String sha) {
        return find("split_part(issue, '#', 1) = ? AND state->'change'->>'headSha' = ?", true, repository, sha);
    }

    /** The running workflows of {@code repository}. */
    public List<String> activeIn(String repository) {
        return jdbc.sql("SELECT workflow_id FROM workflow WHERE split_part(issue, '#', 1) = ? AND " + ACTIVE
                + " ORDER BY started_at").param(repository).query(String.class).list();
    }

    /** The numbers of the repository's issues that have had a workflow, finished or not. */
    public Set<Long> issuesWorkedOn(String repository) {
        return jdbc.sql("SELECT DISTINCT split_part(issue, '#', 2)::bigint FROM workflow WHERE split_part(issue, '#', 1) = ?")
                .param(repository).query(Long.class).set();
    }

    private Optional<String> find(String condition, boolean activeOnly, Object... args) {
        return jdbc.sql("SELECT workflow_id FROM workflow WHERE " + condition + (activeOnly ? " AND " + ACTIVE : "")
                        + " ORDER BY (" + ACTIVE + ") DESC, started_at DESC LIMIT 1")
                .params(args).query(String.class).optional();
    }
}
