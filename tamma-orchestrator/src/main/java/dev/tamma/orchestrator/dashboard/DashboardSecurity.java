package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.api.AdminToken;
import dev.tamma.orchestrator.auth.OidcIssuer;
import dev.tamma.orchestrator.auth.OidcUsers;
import jakarta.servlet.DispatcherType;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may see the dashboard: a browser signed in with the admin token (a signed cookie, see
 * {@link DashboardSession}) or, with {@code tamma.auth.oidc.*}, through the OIDC provider
 * (authorization code with PKCE; the sign-in lives in the server's HTTP session). The API, the
 * actuator, leases and webhooks have rules of their own; static assets are open.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    /** The dashboard's paths, and the OIDC login's: where to go to the provider and where it comes back. */
    private static final String[] PATHS = {"/", "/login", "/logout", "/workflows/**", "/events/**",
        "/oauth2/authorization/**", "/login/oauth2/code/**"};

    @Bean
    @Order(3)
    SecurityFilterChain dashboard(HttpSecurity http, DashboardSession session, AdminToken token, OidcIssuer issuer,
            OidcUsers users) throws Exception {
        DashboardRefusals refusals = new DashboardRefusals(issuer, users);
        http.securityMatcher(PATHS)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login").permitAll()
                        .anyRequest().hasAuthority(OidcUsers.MAY_USE_TAMMA.getAuthority()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                // SameSiteForms and the SameSite cookies take the place of CSRF tokens in the forms
                .csrf(csrf -> csrf.disable())
                .addFilterAt(new SameSiteForms(), CsrfFilter.class)
                .addFilterBefore(new AdminSessionFilter(session, token), AnonymousAuthenticationFilter.class)
                .requestCache(cache -> cache.requestCache(requestCache(issuer)))
                .exceptionHandling(refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .logout(logout -> logout
                        .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"))
                        .addLogoutHandler((request, response, who) -> response.addHeader(HttpHeaders.SET_COOKIE,
                                session.clear(request.isSecure()).toString()))
                        .logoutSuccessHandler((request, response, who) -> {
                            response.setStatus(303);
                            response.setHeader(HttpHeaders.LOCATION, "/login");
                        }));
        if (issuer.enabled()) {
            http.oauth2Login(login -> login
                    .clientRegistrationRepository(issuer.clientRegistrations())
                    .loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUsers(users)))
                    .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?failed")));
        }
        return http.build();
    }

    /**
     * With OIDC, the page someone asked for is kept in the session while the provider signs them in,
     * and shown after. The admin token's sign-in carries it in {@code next} and keeps no session.
     */
    private static RequestCache requestCache(OidcIssuer issuer) {
        if (!issuer.enabled()) {
            return new NullRequestCache();
        }
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(DashboardRefusals::page);
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** The provider's user, named by the claim {@link OidcUsers} reads and let in (or not) by its rules. */
    private static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(OidcUsers users) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
            authorities.addAll(users.authorities(user.getClaims()));
            String name = users.loginClaim(user.getClaims()).orElse(IdTokenClaimNames.SUB);
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), name);
        };
    }
}
