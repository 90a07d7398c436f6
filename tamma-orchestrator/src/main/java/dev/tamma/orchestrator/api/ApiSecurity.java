package dev.tamma.orchestrator.api;

import dev.tamma.orchestrator.auth.OidcIssuer;
import dev.tamma.orchestrator.auth.OidcUsers;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may use the API and the actuator: a bearer token, either the admin token or (with
 * {@code tamma.auth.oidc.*}) a JWT from the OIDC issuer whose user is let in. The health probes
 * stay open (load balancers and kubelets carry no token) and the lease API is left to its worker
 * tokens. Nothing here keeps a session: every request carries its token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    private static final String BEARER = "Bearer ";

    @Bean
    @Order(1)
    SecurityFilterChain openPaths(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                        "/api/v1/leases/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return stateless(http).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AdminToken token, OidcIssuer issuer, OidcUsers users, JsonMapper json)
            throws Exception {
        ApiRefusals refusals = new ApiRefusals(token, issuer, users, json);
        AuthenticationManager tokens = tokens(token, issuer, users);
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAuthority(OidcUsers.MAY_USE_TAMMA.getAuthority()))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(anyBearerToken())
                        .authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(refusals))
                .exceptionHandling(refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
        return stateless(http).build();
    }

    /** Token per request: no session, no saved request, no CSRF token (nothing rides on a cookie), no sign-out. */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /** The admin token first, then the issuer's JWTs, whose claims name the user and decide whether they are let in. */
    private static AuthenticationManager tokens(AdminToken token, OidcIssuer issuer, OidcUsers users) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new AdminTokenAuthenticationProvider(token));
        if (issuer.enabled()) {
            JwtAuthenticationProvider jwts = new JwtAuthenticationProvider(issuer.jwtDecoder());
            jwts.setJwtAuthenticationConverter(jwt -> new JwtAuthenticationToken(jwt,
                    users.authorities(jwt.getClaims()), users.login(jwt.getClaims()).orElse(jwt.getSubject())));
            providers.add(jwts);
        }
        return new ProviderManager(providers);
    }

    /**
     * Any token after {@code Bearer }: the admin token may hold characters a JWT cannot, which Spring's
     * default resolver would refuse as malformed before the admin token is compared.
     */
    private static BearerTokenResolver anyBearerToken() {
        return request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            String token = header.substring(BEARER.length()).strip();
            return token.isEmpty() ? null : token;
        };
    }
}
