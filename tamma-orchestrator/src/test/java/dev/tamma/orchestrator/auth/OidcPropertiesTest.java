package dev.tamma.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;

/** The OIDC settings as the service binds them at startup: off by default, and a clear error when half set. */
class OidcPropertiesTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "tamma.auth.oidc.issuer-uri", "https://keycloak.example.com/realms/tamma",
            "tamma.auth.oidc.client-id", "tamma",
            "tamma.auth.oidc.client-secret", "s3cret-value-of-the-client",
            "tamma.auth.oidc.allowed-groups", "operators");

    private static OidcProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("tamma.auth.oidc", OidcProperties.class);
    }

    private static Map<String, String> complete(String key, String value) {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return settings;
    }

    private static String startupError(Map<String, String> settings) {
        Throwable e = catchThrowable(() -> bind(settings));
        assertThat(e).isInstanceOf(BindException.class);
        return NestedExceptionUtils.getMostSpecificCause(e).getMessage(); // what the startup failure reports
    }

    @Test
    void offUnlessAnIssuerIsSet() {
        OidcProperties none = bind(Map.of());

        assertThat(none.enabled()).isFalse();
        assertThat(none.scopes()).containsExactly("openid", "profile", "email");
    }

    @Test
    void completeSettingsTakeTheClientIdAsTheAudience() {
        OidcProperties oidc = bind(COMPLETE);

        assertThat(oidc.enabled()).isTrue();
        assertThat(oidc.audiences()).containsExactly("tamma");
        assertThat(oidc.groupsClaim()).isEqualTo("groups");
        assertThat(oidc.allowedGroups()).containsExactly("operators");
        assertThat(oidc.toString()).doesNotContain("s3cret").contains("[redacted]");
    }

    @Test
    void halfConfiguredSettingsSayWhatIsMissing() {
        assertThat(startupError(complete("tamma.auth.oidc.client-id", null)))
                .contains("tamma.auth.oidc.client-id is not");
        assertThat(startupError(Map.of("tamma.auth.oidc.client-id", "tamma")))
                .contains("tamma.auth.oidc.issuer-uri is not");
        assertThat(startupError(complete("tamma.auth.oidc.allowed-groups", null)))
                .contains("nobody may use Tamma", "allowed-users", "allowed-groups", "allow-everyone");
        assertThat(startupError(complete("tamma.auth.oidc.client-secret-file", "/run/secrets/oidc")))
                .contains("not both");
        assertThat(startupError(complete("tamma.auth.oidc.scopes", "profile,email")))
                .contains("must include openid");
        assertThat(startupError(complete("tamma.auth.oidc.issuer-uri", "keycloak.example.com/realms/tamma")))
                .contains("must be an http(s) URL");
    }

    @Test
    void everyoneTheProviderSignsInMayBeLetInOnPurpose() {
        Map<String, String> settings = complete("tamma.auth.oidc.allowed-groups", null);
        settings.put("tamma.auth.oidc.allow-everyone", "true");

        assertThat(bind(settings).allowEveryone()).isTrue();
    }

    @Test
    void aSecretFileThatIsMissingOrEmptyStopsTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Map<String, String> settings = complete("tamma.auth.oidc.client-secret", null);
        settings.put("tamma.auth.oidc.client-secret-file", file.toString());
        OidcProperties properties = bind(settings);

        assertThatThrownBy(() -> new OidcIssuer(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot read tamma.auth.oidc.client-secret-file (" + file + ")");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> new OidcIssuer(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
        Files.writeString(file, "secret-from-a-file\n");
        assertThat(new OidcIssuer(properties).enabled()).isTrue();
    }

    @Test
    void listsAreTrimmed() {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        settings.put("tamma.auth.oidc.allowed-users", " alice , bob ");
        assertThat(bind(settings).allowedUsers()).isEqualTo(List.of("alice", "bob"));
    }
}
