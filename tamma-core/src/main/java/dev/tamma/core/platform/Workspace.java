package dev.tamma.core.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A working copy of one repository in a per-task directory: branch, edit, commit with attribution,
 * push, and catch up when the base branch moved. Closing it deletes the directory.
 */
public interface Workspace extends AutoCloseable {

    Path directory();

    /** Creates {@code branch} from the current commit and checks it out. */
    void createBranch(String branch);

    /** Whether the working tree has changes not yet committed (new, changed or deleted files). */
    boolean hasChanges();

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

    /**
     * What the current branch changes compared with {@code baseBranch} (fetched first), counted from
     * their merge base, the way a pull request shows it.
     */
    Diff diffFrom(String baseBranch);

    /** Deletes {@code branch} on the remote; deleting a branch that is not there is not an error. */
    void deleteRemoteBranch(String branch);

    @Override
    void close();

    /**
     * A change as a unified diff.
     *
     * @param patch        the unified diff, every file
     * @param files        the paths changed (new path; old path for deletions), sorted
     * @param addedLines   lines added
     * @param deletedLines lines deleted
     */
    record Diff(String patch, List<String> files, int addedLines, int deletedLines) {
        public Diff {
            patch = patch == null ? "" : patch;
            files = List.copyOf(files);
            if (addedLines < 0 || deletedLines < 0) {
                throw new IllegalArgumentException("line counts must not be negative");
            }
        }

        public boolean isEmpty() {
            return files.isEmpty();
        }
    }

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
