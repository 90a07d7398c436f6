package dev.tamma.orchestrator.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID Connect provider on loopback, as Keycloak lays out its endpoints: WireMock serves the
 * discovery document and the key set, {@code /auth} signs in whoever the test chose and redirects
 * back with a code, and {@code /token} exchanges that code (checking the client's secret, the
 * redirect URI and the PKCE verifier) for an ID token signed with an RSA key made here.
 */
final class LocalOidcProvider {

    static final String CLIENT_ID = "tamma-dashboard";
    static final String CLIENT_SECRET = "local-provider-client-secret";
    static final String REALM = "/realms/tamma";
    static final String AUTHORIZE = REALM + "/protocol/openid-connect/auth";
    static final String TOKEN = REALM + "/protocol/openid-connect/token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the sign-in page would have learnt from the person: who they are. */
    record Person(String username, String email, List<String> groups) {
    }

    private record Grant(String redirectUri, String nonce, String codeChallenge, Person person) {
    }

    private final RSAKey key = generate("provider-key");
    private final RSAKey otherKey = generate("provider-key");
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger exchanged = new AtomicInteger();
    private final AtomicBoolean refuseNext = new AtomicBoolean();
    private final WireMockServer server;
    private volatile Person signingIn = new Person("alice", "alice@example.com", List.of("tamma-operators"));

    LocalOidcProvider() {
        server = new WireMockServer(options().dynamicPort().extensions(new Authorize(), new Token()));
        server.start();
        String issuer = issuer();
        server.stubFor(get(urlPathEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(okJson(json(Map.of(
                "issuer", issuer,
                "authorization_endpoint", base() + AUTHORIZE,
                "token_endpoint", base() + TOKEN,
                "jwks_uri", issuer + "/protocol/openid-connect/certs",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic"),
                "code_challenge_methods_supported", List.of("S256"),
                "scopes_supported", List.of("openid", "profile", "email"))))));
        server.stubFor(get(urlPathEqualTo(REALM + "/protocol/openid-connect/certs"))
                .willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        server.stubFor(get(urlPathEqualTo(AUTHORIZE)).willReturn(aResponse().withTransformers(Authorize.NAME)));
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withTransformers(Token.NAME)));
    }

    String issuer() {
        return base() + REALM;
    }

    /** Who the next sign-in at {@code /auth} is, as if they had typed their password there. */
    void signInAs(Person person) {
        signingIn = person;
    }

    /** The next code exchange fails as if the code had already been used. */
    void refuseNextExchange() {
        refuseNext.set(true);
    }

    /** How many codes were exchanged for tokens. */
    int exchanged() {
        return exchanged.get();
    }

    /** The authorization requests Tamma sent browsers to. */
    List<LoggedRequest> authorizationRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(AUTHORIZE)));
    }

    /** A token for {@code person} as this provider would issue one, with {@code changes} laid over the usual claims. */
    String token(Person person, Map<String, Object> changes) {
        return sign(key, claims(person, changes));
    }

    /** The same token, but signed by a key the provider never published. */
    String tokenSignedElsewhere(Person person) {
        return sign(otherKey, claims(person, Map.of()));
    }

    void stop() {
        server.stop();
    }

    private Map<String, Object> claims(Person person, Map<String, Object> changes) {
        Instant now = Instant.now();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", issuer());
        claims.put("sub", "subject-" + person.username());
        claims.put("aud", CLIENT_ID);
        claims.put("azp", CLIENT_ID);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
        claims.put("preferred_username", person.username());
        claims.put("email", person.email());
        claims.put("groups", person.groups());
        claims.putAll(changes);
        return claims;
    }

    private String base() {
        return "http://localhost:" + server.port();
    }

    private static String sign(RSAKey key, Map<String, Object> claims) {
        try {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> set.claim(name, switch (name) {
                case "iat", "exp" -> new Date(((Number) value).longValue() * 1000);
                default -> value;
            }));
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), set.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static ResponseDefinition refuse(String error) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(json(Map.of("error", error))).build();
    }

    /** The sign-in page: takes the authorization request, signs in {@link #signingIn}, redirects back with a code. */
    private final class Authorize implements ResponseDefinitionTransformerV2 {

        static final String NAME = "oidc-authorize";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String redirectUri = query(request, "redirect_uri");
            if (!CLIENT_ID.equals(query(request, "client_id")) || !"code".equals(query(request, "response_type"))
                    || redirectUri == null || !"S256".equals(query(request, "code_challenge_method"))) {
                return refuse("invalid_request");
            }
            String code = UUID.randomUUID().toString();
            grants.put(code, new Grant(redirectUri, query(request, "nonce"), query(request, "code_challenge"),
                    signingIn));
            String location = redirectUri + "?code=" + code + "&state="
                    + URLEncoder.encode(query(request, "state"), StandardCharsets.UTF_8);
            return aResponse().withStatus(302).withHeader("Location", location).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }

        private static String query(LoggedRequest request, String name) {
            var parameter = request.queryParameter(name);
            return parameter.isPresent() ? parameter.firstValue() : null;
        }
    }

    /** The token endpoint: one exchange per code, for the client that asked, with the verifier of its challenge. */
    private final class Token implements ResponseDefinitionTransformerV2 {

        static final String NAME = "oidc-token";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(request.getHeader("Authorization"))) {
                return refuse("invalid_client");
            }
            Map<String, String> form = form(request.getBodyAsString());
            Grant grant = grants.remove(String.valueOf(form.get("code")));
            if (refuseNext.getAndSet(false)) {
                return refuse("invalid_grant");
            }
            if (grant == null || !"authorization_code".equals(form.get("grant_type"))
                    || !grant.redirectUri().equals(form.get("redirect_uri"))
                    || form.get("code_verifier") == null
                    || !s256(form.get("code_verifier")).equals(grant.codeChallenge())) {
                return refuse("invalid_grant");
            }
            exchanged.incrementAndGet();
            Map<String, Object> nonce = grant.nonce() == null ? Map.of() : Map.of("nonce", grant.nonce());
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(json(Map.of(
                            "access_token", token(grant.person(), Map.of()),
                            "token_type", "Bearer",
                            "expires_in", 300,
                            "scope", "openid profile email",
                            "id_token", token(grant.person(), nonce))))
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }

        private static Map<String, String> form(String body) {
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }

        private static String s256(String verifier) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
