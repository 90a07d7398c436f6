package dev.tamma.orchestrator.local;

import dev.tamma.orchestrator.testdb.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One scrape of {@code /actuator/prometheus}, as Prometheus takes it with the admin token, kept
 * under {@code target/metrics/} so a run's figures can be quoted.
 */
record MetricsScrape(String text) {

    static MetricsScrape of(LocalLoop loop, String name) throws IOException, InterruptedException {
        ApiClient.Reply reply = new ApiClient(loop.baseUrl().toString(), ApiClient.ADMIN_TOKEN).get("/actuator/prometheus");
        if (reply.status() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + reply.status() + ": " + reply.body());
        }
        Path kept = Path.of("target", "metrics", name + ".txt");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, reply.body());
        return new MetricsScrape(reply.body());
    }

    /** The sum of the series of {@code metric} whose labels include every one of {@code labels} ({@code step="TEST"}). */
    double sum(String metric, String... labels) {
        return text.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
