package dev.tamma.worker.step;

import dev.tamma.core.platform.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Signs in a diff that a change may break its users, found without a model: removed public
 * signatures, removed HTTP endpoints, and database migrations. The model's review adds its own.
 */
final class BreakingChanges {

    private static final Pattern REMOVED_PUBLIC = Pattern.compile(
            "^-\\s*(public|export)\\s+(?!class\\b.*\\{\\s*$).*[({]", Pattern.MULTILINE);
    private static final Pattern REMOVED_ENDPOINT = Pattern.compile(
            "^-\\s*@(Get|Post|Put|Patch|Delete|Request)Mapping\\b.*$", Pattern.MULTILINE);
    private static final Pattern MIGRATION = Pattern.compile(
            "(^|/)(db/migration|migrations?|alembic/versions)/|(^|/)V\\d+(_\\d+)*__[^/]+\\.sql$");

    private BreakingChanges() {
    }

    static List<String> in(Workspace.Diff diff) {
        List<String> reasons = new ArrayList<>();
        var removed = REMOVED_PUBLIC.matcher(diff.patch());
        while (removed.find() && reasons.size() < 5) {
            String line = removed.group().substring(1).strip();
            if (!diff.patch().contains("\n+" + removed.group().substring(1))) { // moved lines are not removals
                reasons.add("public signature changed or removed: `" + abbreviate(line) + "`");
            }
        }
        var endpoints = REMOVED_ENDPOINT.matcher(diff.patch());
        while (endpoints.find()) {
            reasons.add("HTTP endpoint removed or changed: `" + abbreviate(endpoints.group().substring(1).strip()) + "`");
        }
        diff.files().stream().filter(f -> MIGRATION.matcher(f).find())
                .forEach(f -> reasons.add("database migration: `" + f + "`"));
        return List.copyOf(reasons);
    }

    private static String abbreviate(String line) {
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }
}
