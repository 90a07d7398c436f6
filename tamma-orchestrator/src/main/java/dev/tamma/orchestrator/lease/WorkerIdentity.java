package dev.tamma.orchestrator.lease;

import java.util.List;

/**
 * Who is asking for work: the token a worker presented, and what that token is limited to.
 *
 * @param repositories globs ({@code acme/*}); empty: any repository
 * @param labels       the labels this token's workers may claim work for; empty: any
 */
public record WorkerIdentity(String tokenId, String name, List<String> repositories, List<String> labels) {

    public WorkerIdentity {
        repositories = List.copyOf(repositories);
        labels = List.copyOf(labels);
    }

    /** The repository globs as SQL LIKE patterns. */
    List<String> repositoryPatterns() {
        return repositories.stream()
                .map(glob -> glob.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%'))
                .toList();
    }

    /** The labels a worker may claim with: those it asked for, within what its token allows. */
    List<String> effectiveLabels(List<String> requested) {
        return labels.isEmpty() ? requested : requested.stream().filter(labels::contains).toList();
    }
}
