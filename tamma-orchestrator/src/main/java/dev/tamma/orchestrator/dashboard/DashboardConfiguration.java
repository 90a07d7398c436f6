package dev.tamma.orchestrator.dashboard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** The dashboard's paths; the API, the actuator, leases and webhooks have guards of their own. */
    static final String[] PATHS = {"", "/", "/login", "/logout", "/workflows/*", "/events/*"};

    @Bean
    FilterRegistrationBean<DashboardAuthentication> dashboardAuthentication(DashboardSession session) {
        var registration = new FilterRegistrationBean<>(new DashboardAuthentication(session));
        registration.addUrlPatterns(PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
