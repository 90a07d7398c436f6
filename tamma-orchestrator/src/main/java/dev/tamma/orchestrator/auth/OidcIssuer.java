package dev.tamma.orchestrator.auth;

import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The OIDC provider Tamma trusts, as Spring Security's client registration (for the dashboard's
 * login) and JWT decoder (for API bearer tokens). Both read the provider's discovery document when
 * first needed rather than at startup, so a provider that is down does not keep the orchestrator,
 * its webhooks and its workers from starting; a failed read is tried again on the next request.
 */
@Component
public class OidcIssuer {

    /** The registration's id, in {@code /oauth2/authorization/oidc} and {@code /login/oauth2/code/oidc}. */
    public static final String REGISTRATION_ID = "oidc";
    /** Where the dashboard sends a person to sign in with the provider. */
    public static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    private final OidcProperties properties;
    private final String clientSecret;
    private final JwtDecoder jwtDecoder;
    /** Discovered at the first sign-in, and tried again at the next one when the provider did not answer. */
    private final SingletonSupplier<ClientRegistration> registration = SingletonSupplier.of(this::discover);

    public OidcIssuer(OidcProperties properties) {
        this.properties = properties;
        this.clientSecret = properties.enabled() ? readSecret(properties) : null;
        this.jwtDecoder = properties.enabled() ? new SupplierJwtDecoder(this::decoder) : null;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public OidcProperties properties() {
        return properties;
    }

    /** Looks up {@link #REGISTRATION_ID} only; not iterable, so nothing asks the provider before a sign-in. */
    public ClientRegistrationRepository clientRegistrations() {
        requireEnabled();
        return id -> REGISTRATION_ID.equals(id) ? registration.obtain() : null;
    }

    /** Accepts a JWT signed by one of the issuer's keys, from the issuer, for one of the audiences, unexpired. */
    public JwtDecoder jwtDecoder() {
        requireEnabled();
        return jwtDecoder;
    }

    private ClientRegistration discover() {
        ClientRegistration.Builder builder;
        try {
            builder = ClientRegistrations.fromOidcIssuerLocation(properties.issuerUri().toString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the OIDC provider's configuration at "
                    + properties.issuerUri() + "/.well-known/openid-configuration: " + e.getMessage(), e);
        }
        builder.registrationId(REGISTRATION_ID)
                .clientId(properties.clientId())
                .scope(properties.scopes())
                .clientName(properties.displayName())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
        if (clientSecret == null) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(clientSecret);
        }
        return builder.build();
    }

    private JwtDecoder decoder() {
        String issuer = properties.issuerUri().toString();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).discoverJwsAlgorithms().build();
        List<String> audiences = properties.audiences();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains))));
        return decoder;
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new IllegalStateException("tamma.auth.oidc.issuer-uri is not set");
        }
    }

    private static String readSecret(OidcProperties properties) {
        if (properties.clientSecretFile() == null) {
            return properties.clientSecret();
        }
        String secret = SecretFile.read(properties.clientSecretFile(), "tamma.auth.oidc.client-secret-file");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("tamma.auth.oidc.client-secret-file ("
                    + properties.clientSecretFile() + ") is empty");
        }
        return secret;
    }
}
