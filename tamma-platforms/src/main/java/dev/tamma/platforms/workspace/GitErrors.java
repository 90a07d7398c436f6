package dev.tamma.platforms.workspace;

import dev.tamma.core.platform.PlatformException;
import dev.tamma.core.platform.PlatformException.Kind;
import java.util.Locale;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** Turns JGit's failures into the port's {@link PlatformException}s. */
public final class GitErrors {

    public static PlatformException translate(String action, Exception e) {
        String text = messages(e).toLowerCase(Locale.ROOT);
        Kind kind;
        if (text.contains("not authorized") || text.contains("authentication is required")
                || text.contains("401")) {
            kind = Kind.UNAUTHORIZED;
        } else if (text.contains("403") || text.contains("forbidden")) {
            kind = Kind.FORBIDDEN;
        } else if (hasCause(e, NoRemoteRepositoryException.class) || text.contains("not found")
                || text.contains("does not appear to be a git repository")) {
            kind = Kind.NOT_FOUND;
        } else {
            kind = Kind.UNAVAILABLE;
        }
        return new PlatformException(kind, 0, action + " failed: " + firstLine(e), null, e);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Exception e) {
        String message = e instanceof GitAPIException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private GitErrors() {
    }
}
