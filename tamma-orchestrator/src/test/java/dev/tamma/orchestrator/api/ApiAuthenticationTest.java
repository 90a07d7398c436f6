package dev.tamma.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.Mode;
import dev.tamma.core.workflow.WorkflowConfig;
import dev.tamma.orchestrator.lease.WorkerTokens;
import dev.tamma.orchestrator.testdb.ApiClient;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import dev.tamma.orchestrator.workflow.WorkflowEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may read what: the API and the actuator need the admin token; probes, leases and webhooks keep their own rules. */
@TammaSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ApiAuthenticationTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkerTokens workerTokens;

    @Autowired
    WorkflowEngine engine;

    @Test
    void withoutTheAdminTokenNothingIsReadable(CapturedOutput output) throws Exception {
        ApiClient anonymous = ApiClient.admin(port).withToken(null);
        ApiClient wrong = ApiClient.admin(port).withToken("test-admin-token-0123456789abcdeX");
        for (String path : List.of("/api/v1/workflows", "/api/v1/workflows/any", "/api/v1/approvals",
                "/api/v1/anything-else", "/actuator/prometheus", "/actuator/info", "/actuator/health/db")) {
            for (ApiClient client : List.of(anonymous, wrong)) {
                ApiClient.Reply reply = client.get(path);
                assertThat(reply.status()).as("GET %s", path).isEqualTo(401);
                assertThat(reply.json().path("error").asString()).contains("admin token");
            }
        }
        assertThat(anonymous.post("/api/v1/workflows/any/stop", null).status()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain("0123456789abcde");
    }

    @Test
    void theAdminTokenOpensTheApiAndTheActuator() throws Exception {
        ApiClient admin = ApiClient.admin(port);
        assertThat(admin.get("/api/v1/workflows").status()).isEqualTo(200);
        ApiClient.Reply metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(admin.withToken(null).get("/api/v1/workflows").status()).isEqualTo(401);
    }

    @Test
    void healthProbesStayOpen() throws Exception {
        ApiClient anonymous = ApiClient.admin(port).withToken(null);
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            ApiClient.Reply reply = anonymous.get(probe);
            assertThat(reply.status()).as(probe).isEqualTo(200);
            assertThat(reply.json().path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void leasesKeepWorkerTokensAndTheAdminTokenIsNotOne() throws Exception {
        Map<String, Object> request = Map.of("worker", "w", "waitSeconds", 0);
        ApiClient.Reply withAdmin = ApiClient.admin(port).post("/api/v1/leases", request);
        assertThat(withAdmin.status()).isEqualTo(401);
        assertThat(withAdmin.json().path("error").asString()).contains("worker token");

        String owner = "authtest-" + UUID.randomUUID().toString().substring(0, 8);
        String worker = workerTokens.create("auth test", List.of(owner + "/*"), List.of()).secret();
        assertThat(ApiClient.admin(port).withToken(worker).post("/api/v1/leases", request).status()).isEqualTo(204);
        assertThat(ApiClient.admin(port).withToken(worker).get("/api/v1/workflows").status())
                .as("a worker token does not open the API").isEqualTo(401);
    }

    @Test
    void webhooksKeepTheirSignatures() throws Exception {
        ApiClient.Reply unsigned = ApiClient.admin(port).withToken(null).post("/webhooks/github", Map.of());
        assertThat(unsigned.status()).as("no secret is configured here: the endpoint refuses everything")
                .isEqualTo(503);
        assertThat(unsigned.json().path("error").asString()).contains("secret").doesNotContain("admin token");
    }

    @Test
    void commandsNeedTheUserTheTokenActsAs() throws Exception {
        String workflow = "workflow-" + UUID.randomUUID();
        engine.start(workflow, "authtest/shop#1", WorkflowConfig.defaults(Mode.DEV));

        ApiClient.Reply refused = ApiClient.admin(port).post("/api/v1/workflows/" + workflow + "/stop", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asString()).contains("tamma.api.admin-user");
    }
}
