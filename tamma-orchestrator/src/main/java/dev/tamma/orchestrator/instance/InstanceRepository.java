package dev.tamma.orchestrator.instance;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InstanceRepository extends JpaRepository<Instance, UUID> {

    /** The one row the baseline migration writes. */
    default Optional<Instance> current() {
        return findAll().stream().findFirst();
    }
}
