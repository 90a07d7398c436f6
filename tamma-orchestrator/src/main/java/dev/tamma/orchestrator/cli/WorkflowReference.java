package dev.tamma.orchestrator.cli;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What people type to name a workflow: its id, or its issue ({@code acme/shop#42}, the latest workflow of it). */
final class WorkflowReference {

    private WorkflowReference() {
    }

    static String resolve(ApiConnection api, String reference) {
        int hash = reference.lastIndexOf('#');
        if (hash < 0) {
            return reference;
        }
        String repository = reference.substring(0, hash);
        JsonNode page = api.get("/api/v1/workflows", Map.of("repository", repository, "limit", "500"));
        for (JsonNode workflow : page.path("workflows")) { // most recently active first
            if (workflow.path("issue").asString().equals(reference)) {
                return workflow.path("id").asString();
            }
        }
        throw new ApiConnection.Refused(404, "no workflow for the issue " + reference);
    }
}
