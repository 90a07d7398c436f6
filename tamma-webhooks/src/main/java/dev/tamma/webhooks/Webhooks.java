package dev.tamma.webhooks;

import dev.tamma.core.webhook.Platform;
import dev.tamma.webhooks.azure.AzureDevOpsNormaliser;
import dev.tamma.webhooks.azure.AzureDevOpsVerifier;
import dev.tamma.webhooks.bitbucket.BitbucketNormaliser;
import dev.tamma.webhooks.bitbucket.BitbucketVerifier;
import dev.tamma.webhooks.gitea.GiteaNormaliser;
import dev.tamma.webhooks.gitea.GiteaVerifier;
import dev.tamma.webhooks.github.GitHubNormaliser;
import dev.tamma.webhooks.github.GitHubVerifier;
import dev.tamma.webhooks.gitlab.GitLabNormaliser;
import dev.tamma.webhooks.gitlab.GitLabVerifier;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Builds each platform's endpoint logic; the orchestrator's one place to start from. */
public final class Webhooks {

    private Webhooks() {
    }

    /** The normaliser of {@code platform}, e.g. to normalise a stored delivery again. */
    public static WebhookNormaliser normaliser(Platform platform) {
        return switch (platform) {
            case GITHUB -> new GitHubNormaliser();
            case GITLAB -> new GitLabNormaliser();
            case GITEA -> GiteaNormaliser.gitea();
            case FORGEJO -> GiteaNormaliser.forgejo();
            case BITBUCKET -> new BitbucketNormaliser();
            case AZURE_DEVOPS -> new AzureDevOpsNormaliser();
        };
    }

    public static WebhookIntake github(Collection<String> secrets, int maxBodyBytes) {
        return new WebhookIntake(new GitHubVerifier(secrets), new GitHubNormaliser(), maxBodyBytes);
    }

    public static WebhookIntake gitlab(Collection<String> tokens, Collection<String> signingTokens, int maxBodyBytes) {
        return new WebhookIntake(new GitLabVerifier(tokens, signingTokens, Clock.systemUTC(), GitLabVerifier.DEFAULT_TOLERANCE),
                new GitLabNormaliser(), maxBodyBytes);
    }

    public static WebhookIntake gitea(Collection<String> secrets, int maxBodyBytes) {
        return new WebhookIntake(GiteaVerifier.gitea(secrets), GiteaNormaliser.gitea(), maxBodyBytes);
    }

    public static WebhookIntake forgejo(Collection<String> secrets, int maxBodyBytes) {
        return new WebhookIntake(GiteaVerifier.forgejo(secrets), GiteaNormaliser.forgejo(), maxBodyBytes);
    }

    public static WebhookIntake bitbucket(Collection<String> secrets, int maxBodyBytes) {
        return new WebhookIntake(new BitbucketVerifier(secrets), new BitbucketNormaliser(), maxBodyBytes);
    }

    public static WebhookIntake azureDevOps(String username, Collection<String> passwords, int maxBodyBytes) {
        return new WebhookIntake(new AzureDevOpsVerifier(username, passwords), new AzureDevOpsNormaliser(), maxBodyBytes);
    }

    /**
     * The intake {@code build} makes or, when the platform is not configured, one that refuses
     * every delivery with 503 and the configuration error's message. Call it at startup and log
     * {@link Unconfigured#problem()} so the service says which key is missing.
     */
    public static WebhookIntake orRefusingAll(Platform platform, Supplier<WebhookIntake> build) {
        try {
            return build.get();
        } catch (WebhookConfigurationException e) {
            return new WebhookIntake(new Unconfigured(platform, e), normaliser(platform));
        }
    }

    /** A verifier for an endpoint without a secret: it refuses everything and says why. */
    public record Unconfigured(Platform platform, WebhookConfigurationException problem) implements WebhookVerifier {
        public Unconfigured {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public Verification verify(WebhookRequest request) {
            return new Verification.Rejected(Refusal.NOT_CONFIGURED, problem.getMessage());
        }
    }

    /** Whether {@code intake} refuses everything because its platform has no secret. */
    public static boolean isUnconfigured(WebhookIntake intake) {
        return intake.verifier() instanceof Unconfigured;
    }

    /** The platforms with an endpoint, in the order of {@link Platform}. */
    public static List<Platform> platforms() {
        return List.of(Platform.values());
    }
}
