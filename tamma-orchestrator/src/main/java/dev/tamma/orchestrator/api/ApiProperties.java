package dev.tamma.orchestrator.api;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the REST API under {@code /api/v1} and the actuator ({@code tamma.api.*}). Without an
 * admin token nothing there is readable except the health probes.
 *
 * @param adminToken     the static token for small installs, sent as {@code Authorization: Bearer ...}
 * @param adminTokenFile a file holding that token instead (a mounted secret); not both
 * @param adminUser      the platform login the token acts as when it approves, revises, retries or
 *                       stops: commands are authorized for that login exactly as its comments would be
 */
@ConfigurationProperties("tamma.api")
public record ApiProperties(String adminToken, Path adminTokenFile, String adminUser) {

    public ApiProperties {
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.strip();
        adminUser = adminUser == null || adminUser.isBlank() ? null : adminUser.strip();
    }

    @Override
    public String toString() {
        return "ApiProperties[adminToken=" + (adminToken == null ? "none" : "[redacted]") + ", adminTokenFile="
                + adminTokenFile + ", adminUser=" + adminUser + "]";
    }
}
