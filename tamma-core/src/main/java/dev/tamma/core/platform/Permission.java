package dev.tamma.core.platform;

/** A person's access to a repository, from least to most. */
public enum Permission {
    NONE, READ, TRIAGE, WRITE, MAINTAIN, ADMIN;

    /** Whether the person may command Tamma (DESIGN.md section 5: write access or more). */
    public boolean canWrite() {
        return compareTo(WRITE) >= 0;
    }
}
