package dev.tamma.orchestrator.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs which installation started, so a restart on the same data is visible as the same id. */
@Component
class InstanceAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(InstanceAnnouncement.class);
    private final InstanceRepository instances;

    InstanceAnnouncement(InstanceRepository instances) {
        this.instances = instances;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        instances.current().ifPresent(i ->
                log.info("Tamma instance {} (created {}) is ready", i.id(), i.createdAt()));
    }
}
