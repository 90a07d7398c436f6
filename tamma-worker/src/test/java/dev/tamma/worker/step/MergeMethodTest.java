package dev.tamma.worker.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.platform.Capabilities;
import dev.tamma.core.platform.GitPlatform;
import dev.tamma.core.platform.MergeMethod;
import dev.tamma.core.workflow.RunReason;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepPayload;
import dev.tamma.core.workflow.StepRequest;
import dev.tamma.worker.StepTask;
import dev.tamma.worker.config.RepositoryConfig;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MERGE uses the repository's method where the platform has it, and a method it has where not. */
class MergeMethodTest {

    @Test
    void theConfiguredMethodIsUsedWhereThePlatformHasIt() {
        assertThat(MergeStep.method(context(Set.of(MergeMethod.MERGE, MergeMethod.REBASE), "merge:\n  method: rebase\n")))
                .isEqualTo(MergeMethod.REBASE);
    }

    @Test
    void aMethodThePlatformLacksFallsBackToOneItHas() {
        assertThat(MergeStep.method(context(Set.of(MergeMethod.MERGE, MergeMethod.REBASE), "merge:\n  method: squash\n")))
                .isEqualTo(MergeMethod.MERGE);
    }

    private static StepContext context(Set<MergeMethod> methods, String tammaYml) {
        Capabilities capabilities = new Capabilities(Set.of(), methods, false);
        GitPlatform platform = (GitPlatform) Proxy.newProxyInstance(GitPlatform.class.getClassLoader(),
                new Class<?>[] {GitPlatform.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "capabilities" -> capabilities;
                    case "platformName" -> "fake";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        StepTask task = new StepTask(UUID.randomUUID(), "wf-1", "acme/shop", Step.MERGE, 1, "{}", Instant.now(), Map.of());
        StepRequest request = new StepRequest("acme/shop#7", Step.MERGE, 1,
                new StepPayload(RunReason.NEXT_STEP, null, null, "abc", 8));
        return new StepContext(task, request, platform, null, RepositoryConfig.parse(tammaYml, ".tamma.yml"), null, null);
    }
}
