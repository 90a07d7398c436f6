package dev.tamma.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.orchestrator.instance.InstanceRepository;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TammaSpringTest
class ServiceStartTest {

    @LocalServerPort
    int port;

    @Autowired
    InstanceRepository instances;

    @Test
    void healthIsUpWithTheDatabaseComponent() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JsonMapper.builder().build().readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void baselineMigrationCreatedTheInstance() {
        assertThat(instances.findAll()).hasSize(1);
        assertThat(instances.current()).hasValueSatisfying(i -> assertThat(i.createdAt()).isNotNull());
    }
}
