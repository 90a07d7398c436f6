package dev.tamma.orchestrator.webhook;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.WebhookIntake;
import dev.tamma.webhooks.Webhooks;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One intake per platform, built from the configuration; says at startup which refuse everything. */
@Component
public class WebhookEndpoints {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);

    private final Map<Platform, WebhookIntake> intakes = new EnumMap<>(Platform.class);

    public WebhookEndpoints(WebhookProperties properties) {
        int max = properties.maxBodyBytes();
        intakes.put(Platform.GITHUB, Webhooks.orRefusingAll(Platform.GITHUB,
                () -> Webhooks.github(properties.github().secrets(), max)));
        intakes.put(Platform.GITLAB, Webhooks.orRefusingAll(Platform.GITLAB,
                () -> Webhooks.gitlab(properties.gitlab().tokens(), properties.gitlab().signingTokens(), max)));
        intakes.put(Platform.GITEA, Webhooks.orRefusingAll(Platform.GITEA,
                () -> Webhooks.gitea(properties.gitea().secrets(), max)));
        intakes.put(Platform.FORGEJO, Webhooks.orRefusingAll(Platform.FORGEJO,
                () -> Webhooks.forgejo(properties.forgejo().secrets(), max)));
        intakes.put(Platform.BITBUCKET, Webhooks.orRefusingAll(Platform.BITBUCKET,
                () -> Webhooks.bitbucket(properties.bitbucket().secrets(), max)));
        intakes.put(Platform.AZURE_DEVOPS, Webhooks.orRefusingAll(Platform.AZURE_DEVOPS,
                () -> Webhooks.azureDevOps(properties.azure().username(), properties.azure().passwords(), max)));
        intakes.forEach((platform, intake) -> {
            if (intake.verifier() instanceof Webhooks.Unconfigured unconfigured) {
                log.info("/webhooks/{}: {}", platform.id(), unconfigured.problem().getMessage());
            }
        });
    }

    public Optional<WebhookIntake> forPath(String id) {
        return Platform.fromId(id).map(intakes::get);
    }
}
