package dev.tamma.platforms.azure;

import dev.tamma.core.platform.Permission;
import java.util.Map;
import java.util.Objects;

/**
 * What Azure DevOps cannot tell Tamma through a plain token: the work item state that means done
 * (it depends on the process: {@code Closed} in Agile and CMMI, {@code Done} in Scrum and Basic),
 * and who may command Tamma (its permissions live in security namespaces, so the approvers are
 * configured, keyed by their unique name).
 */
public record AzureDevOpsSettings(String closedState, Map<String, Permission> permissions) {

    public static final AzureDevOpsSettings AGILE = new AzureDevOpsSettings("Closed", Map.of());

    public AzureDevOpsSettings {
        Objects.requireNonNull(closedState, "closed state");
        if (closedState.isBlank()) {
            throw new IllegalArgumentException("the closed work item state must not be blank");
        }
        permissions = Map.copyOf(permissions == null ? Map.of() : permissions);
    }
}
