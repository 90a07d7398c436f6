package dev.tamma.core.platform;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A working copy of one repository in a per-task directory: branch, edit, commit with attribution,
 * push, and catch up when the base branch moved. Closing it deletes the directory.
 */
public interface Workspace extends AutoCloseable {

    Path directory();

    /** Creates {@code branch} from the current commit and checks it out. */
    void createBranch(String branch);

    /**
     * Commits every change in the working tree with Tamma as author; {@code coAuthor}, when given,
     * becomes a {@code Co-authored-by:} trailer. Returns the new commit's sha.
     */
    String commitAll(String message, Optional<Person> coAuthor);

    /** Pushes the current branch to the same name on the remote; returns the pushed sha. */
    String push();

    /**
     * Fetches {@code baseBranch} and rebases the current branch onto it. Returns the new head.
     * On conflicts the rebase is aborted, the branch is left as it was, and a
     * {@link RebaseConflictException} names the conflicting files.
     */
    String rebaseOnto(String baseBranch);

    @Override
    void close();

    /** A name and e-mail address, as git writes them. */
    record Person(String name, String email) {
        public Person {
            Checks.notBlank(name, "name");
            Checks.notBlank(email, "email");
            if (!email.contains("@") || email.contains("<") || email.contains(">") || name.contains("\n")) {
                throw new IllegalArgumentException("not a valid git identity: " + name + " <" + email + ">");
            }
        }

        public String ident() {
            return name + " <" + email + ">";
        }
    }
}
