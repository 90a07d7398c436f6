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
    "tamma.credentials.repositories[0].token=ghp_secretForLeaseTestRepos",
    // read at every lease and heartbeat, so a test can change the token while a step runs
    "tamma.credentials.repositories[1].repository=rotating-*/*",
    "tamma.credentials.repositories[1].token-file=" + FastLeases.ROTATING_TOKEN})
public @interface FastLeases {

    /** The token file of the repositories {@code rotating-*}{@code /*}, relative to the module. */
    String ROTATING_TOKEN = "target/fast-leases-rotating-token";
}
