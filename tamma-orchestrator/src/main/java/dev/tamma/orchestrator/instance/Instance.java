package dev.tamma.orchestrator.instance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** This installation of Tamma, created by the first migration and kept for the life of its database. */
@Entity
@Table(name = "tamma_instance")
public class Instance {

    @Id
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Instance() {
        // for JPA
    }

    public UUID id() {
        return id;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
