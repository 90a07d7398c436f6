package dev.tamma.orchestrator.lease;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Leases that expire in seconds and sweeps that run often, so tests see expiry without waiting
 * long; one set of properties, so test classes share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
    "tamma.leases.ttl=2s",
    "tamma.leases.sweep-interval=200ms",
    "tamma.leases.recheck=20s", // so a prompt lease proves the NOTIFY wake-up, not the recheck
    "tamma.deadlines.polling-interval=300ms",
    "tamma.credentials.repositories[0].repository=leasetest-*/*",
    "tamma.credentials.repositories[0].token=ghp_secretForLeaseTestRepos"})
public @interface FastLeases {
}
