package dev.tamma.orchestrator.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /** Before everything else, so no handler (the actuator's included) sees a request without the token. */
    @Bean
    FilterRegistrationBean<ApiAuthentication> apiAuthentication(AdminToken token) {
        var registration = new FilterRegistrationBean<>(new ApiAuthentication(token));
        registration.addUrlPatterns("/api/*", "/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
