package dev.tamma.platforms.azure;

import dev.tamma.core.platform.Permission;
import java.util.Map;
import java.util.Objects;

/**
 * What Azure DevOps cannot tell Tamma through a plain token: the work item state that means done
 * (it depends on the process: {@code Closed} in Agile and CMMI, {@code Done} in Scrum and Basic),
 * who may command Tamma (its permissions live in security namespaces, so the approvers are
 * configured, keyed by their unique name), and the basic-auth user name the service hooks Tamma
 * registers send (Tamma's webhook endpoint checks it).
 */
public record AzureDevOpsSettings(String closedState, Map<String, Permission> permissions, String webhookUser) {

    public static final AzureDevOpsSettings AGILE = new AzureDevOpsSettings("Closed", Map.of());

    public AzureDevOpsSettings {
        Objects.requireNonNull(closedState, "closed state");
        if (closedState.isBlank()) {
            throw new IllegalArgumentException("the closed work item state must not be blank");
        }
        permissions = Map.copyOf(permissions == null ? Map.of() : permissions);
        webhookUser = webhookUser == null || webhookUser.isBlank() ? "tamma" : webhookUser;
        if (webhookUser.contains(":")) {
            throw new IllegalArgumentException("the webhook user name must not contain ':', which basic auth cannot carry");
        }
    }

    /** Service hooks authenticate as {@code tamma}. */
    public AzureDevOpsSettings(String closedState, Map<String, Permission> permissions) {
        this(closedState, permissions, null);
    }
}
