package dev.tamma.orchestrator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.tamma.orchestrator.metrics.MetricNames;
import dev.tamma.worker.WorkerCommand;
import dev.tamma.core.workflow.Mode;
import dev.tamma.orchestrator.platform.PlatformProperties;
import dev.tamma.orchestrator.webhook.TriggerProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ByteArrayResource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders and lints helm/tamma with Helm's own engine (helm-java carries it as a native library)
 * and checks what a cluster would be given: with the chart's defaults and with
 * helm/tamma/ci/production-values.yaml.
 */
class HelmChartTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHART = ROOT.resolve("helm/tamma");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String KUBERNETES = "1.33.0";

    private static Manifests defaults;
    private static Manifests production;

    @BeforeAll
    static void render() {
        defaults = Manifests.render(CHART, "tamma", null, Map.of());
        production = Manifests.render(CHART, "prod", CHART.resolve("ci/production-values.yaml"), Map.of());
    }

    @Test
    void helmLintFindsNothingWrongEvenInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultsRenderTheServiceTwoOrchestratorsAndAWorkerWithoutTheOptionalParts() {
        assertThat(defaults.kinds()).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Deployment",
                "PodDisruptionBudget");
        assertThat(defaults.get("Deployment", "tamma-orchestrator").at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(defaults.get("Deployment", "tamma-worker").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(defaults.get("PodDisruptionBudget", "tamma-orchestrator").at("/spec/minAvailable").asInt())
                .isEqualTo(1);
        assertThat(defaults.get("Deployment", "tamma-orchestrator").at("/spec/template/spec/containers/0/image")
                .asString()).isEqualTo("tamma:0.1.0-SNAPSHOT");
    }

    @Test
    void aSingleOrchestratorGetsNoDisruptionBudgetThatWouldBlockEveryDrain() {
        Manifests single = Manifests.render(CHART, "tamma", null, Map.of("orchestrator.replicas", 1));

        assertThat(single.kinds()).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void theProbesAskTheActuatorsHealthGroupsOnTheServedPort() {
        for (Manifests manifests : List.of(defaults, production)) {
            JsonNode container = manifests.container("orchestrator");
            assertThat(container.at("/ports/0/name").asString()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
            assertThat(manifests.env(container, "SERVER_PORT")).isEqualTo("8080");

            assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/startupProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
            assertThat(List.of(container.at("/livenessProbe/httpGet/port"), container.at("/readinessProbe/httpGet/port"),
                    container.at("/startupProbe/httpGet/port"))).extracting(JsonNode::asString).containsOnly("http");
            // a stopping replica waits for the Service to forget it, then answers its longest
            // requests (lease long polls, 30 s) before it is killed
            int preStop = Integer.parseInt(container.at("/lifecycle/preStop/exec/command/1").asString());
            assertThat(manifests.podSpec("orchestrator").at("/terminationGracePeriodSeconds").asInt())
                    .isGreaterThanOrEqualTo(preStop + 30);
            // a replica that migrates a large database gets five minutes before it is restarted
            assertThat(container.at("/startupProbe/periodSeconds").asInt()
                    * container.at("/startupProbe/failureThreshold").asInt()).isEqualTo(300);
        }
    }

    @Test
    void everyContainerRunsAsNonRootOnAReadOnlyRootWithWritableScratchDirectories() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String tammaHome = Pattern.compile("TAMMA_HOME=(\\S+)").matcher(dockerfile).results().findFirst()
                .orElseThrow().group(1);
        for (Manifests manifests : List.of(defaults, production)) {
            for (String component : List.of("orchestrator", "worker")) {
                JsonNode pod = manifests.podSpec(component);
                JsonNode container = manifests.container(component);
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
                assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
                assertThat(container.at("/securityContext/capabilities/drop")).extracting(JsonNode::asString)
                        .containsExactly("ALL");
                assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
                assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();

                Map<String, String> mounts = manifests.mounts(container);
                assertThat(mounts).containsEntry(tammaHome, "home").containsEntry("/tmp", "tmp");
                assertThat(manifests.volume(pod, "home").has("emptyDir")).isTrue();
                assertThat(manifests.volume(pod, "tmp").has("emptyDir")).isTrue();
            }
        }
    }

    @Test
    void credentialsComeFromSecretsByReferenceAndNeverInline() {
        assertThat(defaults.kinds()).doesNotContain("Secret");
        assertThat(production.kinds()).doesNotContain("Secret");

        JsonNode orchestrator = production.container("orchestrator");
        assertThat(production.secretRef(orchestrator, "TAMMA_DATABASE_URL")).isEqualTo("tamma-prod-database/url");
        assertThat(production.secretRef(orchestrator, "TAMMA_DATABASE_USERNAME"))
                .isEqualTo("tamma-prod-database/username");
        assertThat(production.secretRef(orchestrator, "TAMMA_DATABASE_PASSWORD"))
                .isEqualTo("tamma-prod-database/password");
        assertThat(production.secretRef(orchestrator, "TAMMA_API_ADMINTOKEN")).isEqualTo("tamma-prod-admin-token/token");
        assertThat(orchestrator.at("/envFrom/0/secretRef/name").asString()).isEqualTo("tamma-prod-webhook-secrets");
        assertThat(production.volume(production.podSpec("orchestrator"), "platforms").at("/secret/secretName")
                .asString()).isEqualTo("tamma-prod-platform-tokens");
        assertThat(production.volume(production.podSpec("worker"), "token").at("/secret/secretName").asString())
                .isEqualTo("tamma-prod-worker-token");
        assertThat(production.container("worker").at("/envFrom/0/secretRef/name").asString())
                .isEqualTo("tamma-prod-provider-keys");

        assertThat(defaults.secretRef(defaults.container("orchestrator"), "TAMMA_DATABASE_PASSWORD"))
                .isEqualTo("tamma-database/password");
        for (Manifests manifests : List.of(defaults, production)) {
            for (String component : List.of("orchestrator", "worker")) {
                assertThat(manifests.container(component).path("env").values()).filteredOn(e -> e.has("value"))
                        .extracting(e -> e.get("name").asString())
                        .noneMatch(name -> name.matches(".*(PASSWORD|TOKEN|SECRET|KEY|DATABASE_URL).*"));
            }
        }
    }

    @Test
    void everyEnvironmentVariableTheChartSetsIsOneTammaReads() throws IOException {
        Set<String> known = DeploymentFilesTest.knownEnvironmentNames();
        for (Manifests manifests : List.of(defaults, production)) {
            for (String component : List.of("orchestrator", "worker")) {
                assertThat(manifests.container(component).path("env").values()).extracting(e -> e.get("name").asString())
                        .allSatisfy(name -> assertThat(known).as("%s in the %s container", name, component)
                                .contains(name));
            }
        }
    }

    @Test
    void theWorkerRunsWithOptionsTheWorkerCommandAcceptsAgainstThisReleasesService() {
        for (Manifests manifests : List.of(defaults, production)) {
            JsonNode container = manifests.container("worker");
            List<String> args = container.path("args").values().stream().map(JsonNode::asString).toList();
            assertThat(args).first().isEqualTo("worker");
            CommandLine.ParseResult parsed = new CommandLine(new WorkerCommand())
                    .parseArgs(args.subList(1, args.size()).toArray(String[]::new));

            JsonNode service = manifests.get("Service", manifests.release() + "-orchestrator");
            assertThat(parsed.matchedOptionValue("--orchestrator", (Object) null)).hasToString(
                    "http://" + manifests.release() + "-orchestrator:" + service.at("/spec/ports/0/port").asInt());
            assertThat(parsed.matchedOptionValue("--token-file", (Object) null)).hasToString(
                    manifests.mountedFile("worker", "token"));
            assertThat(parsed.matchedOptionValue("--ai-config", (Object) null)).hasToString(
                    manifests.mountedFile("worker", "ai-config"));
        }
        List<String> productionArgs = production.container("worker").path("args").values().stream()
                .map(JsonNode::asString).toList();
        assertThat(String.join(" ", productionArgs)).contains("--concurrency 4", "--labels linux,maven");
    }

    @Test
    void theProductionValuesScaleWorkersOnOutstandingTasksThroughTheAdaptersExternalMetric() {
        assertThat(defaults.kinds()).doesNotContain("HorizontalPodAutoscaler");

        JsonNode hpa = production.get("HorizontalPodAutoscaler", "prod-worker");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asString()).isEqualTo("prod-worker");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(20);
        JsonNode metric = hpa.at("/spec/metrics/0");
        assertThat(metric.at("/type").asString()).isEqualTo("External");
        assertThat(metric.at("/external/metric/name").asString()).isEqualTo("tamma_tasks_outstanding");
        assertThat(metric.at("/external/metric/selector/matchLabels/service").asString()).isEqualTo("prod-orchestrator");
        // one worker per worker.concurrency outstanding tasks
        assertThat(metric.at("/external/target/type").asString()).isEqualTo("AverageValue");
        assertThat(metric.at("/external/target/averageValue").asString()).isEqualTo("4");
        assertThat(production.get("Deployment", "prod-worker").at("/spec").has("replicas"))
                .as("the HPA owns the worker count").isFalse();
    }

    @Test
    void theDocumentedAdapterRuleReadsTheGaugesTheOrchestratorPublishes() throws IOException {
        String readme = Files.readString(ROOT.resolve("helm/README.md"));
        String rule = readme.substring(readme.indexOf("externalRules:"));
        rule = rule.substring(0, rule.indexOf("```"));
        JsonNode external = YAML.readTree(rule).at("/externalRules/0");

        assertThat(external.at("/name/as").asString()).isEqualTo("tamma_tasks_outstanding");
        assertThat(external.at("/seriesQuery").asString()).contains(prometheusName(MetricNames.TASKS_QUEUED));
        assertThat(external.at("/metricsQuery").asString()).contains(prometheusName(MetricNames.TASKS_QUEUED),
                prometheusName(MetricNames.TASKS_LEASED), "<<.LabelMatchers>>");
    }

    @Test
    void theServiceMonitorIsRenderedOnlyWhenEnabledAndScrapesWithTheAdminToken() {
        assertThat(defaults.kinds()).doesNotContain("ServiceMonitor");

        JsonNode monitor = production.get("ServiceMonitor", "prod-orchestrator");
        assertThat(monitor.at("/apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.at("/metadata/labels/release").asString()).isEqualTo("prometheus");
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertThat(endpoint.at("/port").asString()).isEqualTo("http");
        assertThat(endpoint.at("/path").asString()).isEqualTo("/actuator/prometheus");
        assertThat(endpoint.at("/interval").asString()).isEqualTo("15s");
        assertThat(endpoint.at("/authorization/type").asString()).isEqualTo("Bearer");
        assertThat(endpoint.at("/authorization/credentials/name").asString()).isEqualTo("tamma-prod-admin-token");
        assertThat(endpoint.at("/authorization/credentials/key").asString()).isEqualTo("token");
        JsonNode serviceLabels = production.get("Service", "prod-orchestrator").at("/metadata/labels");
        monitor.at("/spec/selector/matchLabels").properties().forEach(label -> assertThat(
                serviceLabels.path(label.getKey()).asString()).as("Service label %s", label.getKey())
                .isEqualTo(label.getValue().asString()));
    }

    @Test
    void theProductionValuesKeepTwoOfThreeOrchestratorsThroughDisruptions() {
        assertThat(production.get("Deployment", "prod-orchestrator").at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode pdb = production.get("PodDisruptionBudget", "prod-orchestrator");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(
                production.get("Deployment", "prod-orchestrator").at("/spec/selector/matchLabels"));
    }

    @Test
    void theIngressExposesTheWebhooksAloneOnTheConfiguredHost() {
        assertThat(defaults.kinds()).doesNotContain("Ingress");

        JsonNode ingress = production.get("Ingress", "prod-orchestrator");
        assertThat(ingress.at("/spec/ingressClassName").asString()).isEqualTo("nginx");
        assertThat(ingress.at("/spec/rules/0/host").asString()).isEqualTo("tamma.example.com");
        assertThat(ingress.at("/spec/tls/0/secretName").asString()).isEqualTo("tamma-example-com-tls");
        JsonNode paths = ingress.at("/spec/rules/0/http/paths");
        assertThat(paths.values()).hasSize(1);
        assertThat(paths.at("/0/path").asString()).isEqualTo("/webhooks/");
        assertThat(paths.at("/0/pathType").asString()).isEqualTo("Prefix");
        assertThat(paths.at("/0/backend/service/name").asString()).isEqualTo("prod-orchestrator");
        assertThat(paths.at("/0/backend/service/port/name").asString()).isEqualTo("http");
    }

    @Test
    void theOrchestratorReadsItsSettingsFromTheConfigMapAndItsTokensFromTheMountedSecret() throws IOException {
        JsonNode container = production.container("orchestrator");
        String configDirectory = production.mounts(container).entrySet().stream()
                .filter(m -> m.getValue().equals("config")).findFirst().orElseThrow().getKey();
        assertThat(container.path("args").values()).extracting(JsonNode::asString)
                .contains("--spring.config.additional-location=optional:file:" + configDirectory + "/");

        // read the way Spring Boot reads it, and bound to the orchestrator's own settings
        Binder settings = new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader().load("config",
                new ByteArrayResource(production.get("ConfigMap", "prod-orchestrator").at("/data/application.yml")
                        .asString().getBytes(StandardCharsets.UTF_8)))));
        PlatformProperties platforms = settings.bind("tamma.platforms", PlatformProperties.class).get();
        assertThat(platforms.repositories()).extracting(PlatformProperties.Repository::name)
                .containsExactly("acme/shop", "infra/deploy");
        String platformsMount = production.mounts(container).entrySet().stream()
                .filter(m -> m.getValue().equals("platforms")).findFirst().orElseThrow().getKey();
        assertThat(List.of(platforms.repositories().get(0).githubApp().privateKeyFile(),
                platforms.repositories().get(1).tokenFile())).allSatisfy(file -> assertThat(file)
                .hasParentRaw(Path.of(platformsMount)));
        assertThat(settings.bind("tamma.triggers", TriggerProperties.class).get().mode()).isEqualTo(Mode.BUSINESS);
    }

    @Test
    void theDefaultSettingsFileIsAnEmptyOneSpringBootAccepts() throws IOException {
        String file = defaults.get("ConfigMap", "tamma-orchestrator").at("/data/application.yml").asString();

        assertThat(new YamlPropertySourceLoader().load("config", new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8))))
                .allSatisfy(source -> assertThat(((MapPropertySource) source).getPropertyNames()).isEmpty());
    }

    @Test
    void valuesThatCannotWorkAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Manifests.render(CHART, "tamma", null, Map.of("ingress.enabled", true)))
                .hasMessageContaining("ingress.host");
        assertThatThrownBy(() -> Manifests.render(CHART, "tamma", null,
                Map.of("serviceMonitor.enabled", true, "api.existingSecret", "")))
                .hasMessageContaining("api.existingSecret");
        assertThatThrownBy(() -> Manifests.render(CHART, "tamma", null, Map.of("worker.token.existingSecret", "")))
                .hasMessageContaining("worker.token.existingSecret");
    }

    private static String prometheusName(String meter) {
        return meter.replace('.', '_');
    }

    /** The documents `helm template` printed, parsed. */
    private record Manifests(String release, List<JsonNode> documents) {

        static Manifests render(Path chart, String release, Path valuesFile, Map<String, Object> values) {
            // Helm's default is Kubernetes 1.20, older than the chart's kubeVersion
            var template = new Helm(chart).template().withName(release).withKubeVersion(KUBERNETES);
            if (valuesFile != null) {
                template = template.withValuesFile(valuesFile);
            }
            for (Map.Entry<String, Object> value : values.entrySet()) {
                template = template.set(value.getKey(), value.getValue());
            }
            List<JsonNode> documents = new ArrayList<>();
            try (var parsed = YAML.readerFor(JsonNode.class).<JsonNode>readValues(template.call())) {
                parsed.forEachRemaining(document -> {
                    if (document != null && document.isObject() && !document.isEmpty()) {
                        documents.add(document);
                    }
                });
            }
            return new Manifests(release, documents);
        }

        List<String> kinds() {
            return documents.stream().map(d -> d.path("kind").asString()).toList();
        }

        JsonNode get(String kind, String name) {
            return documents.stream().filter(d -> d.path("kind").asString().equals(kind)
                    && d.at("/metadata/name").asString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " among " + kinds()));
        }

        JsonNode podSpec(String component) {
            return get("Deployment", release + "-" + component).at("/spec/template/spec");
        }

        JsonNode container(String component) {
            return StreamSupport.stream(podSpec(component).path("containers").spliterator(), false)
                    .filter(c -> c.path("name").asString().equals(component)).findFirst().orElseThrow();
        }

        JsonNode volume(JsonNode podSpec, String name) {
            return podSpec.path("volumes").values().stream().filter(v -> v.path("name").asString().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
        }

        /** Where the container sees the one item of a Secret or ConfigMap volume. */
        String mountedFile(String component, String volumeName) {
            JsonNode volume = volume(podSpec(component), volumeName);
            JsonNode items = volume.has("secret") ? volume.at("/secret/items") : volume.at("/configMap/items");
            assertThat(items.values()).as("the items of volume %s", volumeName).hasSize(1);
            String directory = mounts(container(component)).entrySet().stream()
                    .filter(m -> m.getValue().equals(volumeName)).findFirst().orElseThrow().getKey();
            return directory + "/" + items.at("/0/path").asString();
        }

        /** Mount path to volume name. */
        Map<String, String> mounts(JsonNode container) {
            Map<String, String> mounts = new java.util.HashMap<>();
            container.path("volumeMounts").values().forEach(m -> mounts.put(m.path("mountPath").asString(),
                    m.path("name").asString()));
            return mounts;
        }

        String env(JsonNode container, String name) {
            return envVar(container, name).path("value").asString();
        }

        /** "secret/key" of a variable set from a Secret. */
        String secretRef(JsonNode container, String name) {
            JsonNode ref = envVar(container, name).at("/valueFrom/secretKeyRef");
            assertThat(ref.isObject()).as("%s comes from a Secret", name).isTrue();
            return ref.path("name").asString() + "/" + ref.path("key").asString();
        }

        private JsonNode envVar(JsonNode container, String name) {
            return container.path("env").values().stream().filter(e -> e.path("name").asString().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no variable " + name));
        }
    }
}
