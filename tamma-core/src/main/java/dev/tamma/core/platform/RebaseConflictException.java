package dev.tamma.core.platform;

import dev.tamma.core.workflow.FailureCause;
import java.util.List;

/**
 * Rebasing onto the moved base branch conflicted. A structural failure: another attempt would
 * conflict the same way, so the workflow asks for a person (or a fresh implementation) at once.
 */
public final class RebaseConflictException extends RuntimeException {

    private final List<String> files;

    public RebaseConflictException(String baseBranch, List<String> files) {
        super("rebase onto " + baseBranch + " conflicts in: " + String.join(", ", files));
        this.files = List.copyOf(files);
    }

    public List<String> files() {
        return files;
    }

    public FailureCause failureCause() {
        return FailureCause.STRUCTURAL;
    }
}
