package dev.tamma.worker.step;

import dev.tamma.core.platform.Comment;
import dev.tamma.core.platform.CommentMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The design PLAN posts on the issue, one comment kept up to date under a marker. Later steps read
 * the approved option back from that comment, so people can see exactly what Tamma works from.
 */
record Plan(String summary, List<Option> options, int recommended, boolean breakingChange) {

    static final CommentMarker MARKER = new CommentMarker("plan");
    private static final Pattern HEADING = Pattern.compile("(?m)^### Option (\\d+): ");

    record Option(String title, String approach, String tradeoffs, List<String> files, String tests) {
    }

    static Plan from(JsonNode answer) {
        List<Option> options = new ArrayList<>();
        for (JsonNode o : answer.path("options")) {
            options.add(new Option(o.path("title").asString("").strip(), o.path("approach").asString("").strip(),
                    o.path("tradeoffs").asString("").strip(), ModelQuestion.strings(o.path("files")),
                    o.path("tests").asString("").strip()));
        }
        if (options.isEmpty() || options.size() > 3) {
            throw new StepFailure.Transient("the plan must offer one to three options, it offered " + options.size(), "");
        }
        int recommended = answer.path("recommended").asInt(1);
        return new Plan(answer.path("summary").asString("").strip(), List.copyOf(options),
                recommended >= 1 && recommended <= options.size() ? recommended : 1,
                answer.path("breakingChange").asBoolean(false));
    }

    List<String> files() {
        return options.stream().flatMap(o -> o.files().stream()).distinct().toList();
    }

    String markdown(long issue) {
        StringBuilder md = new StringBuilder("## Plan for #").append(issue).append("\n\n");
        if (!summary.isBlank()) {
            md.append(summary).append("\n\n");
        }
        for (int i = 0; i < options.size(); i++) {
            Option o = options.get(i);
            md.append("### Option ").append(i + 1).append(": ").append(o.title())
                    .append(i + 1 == recommended ? " (recommended)" : "").append("\n\n")
                    .append(o.approach()).append("\n\n");
            if (!o.tradeoffs().isBlank()) {
                md.append("**Trade-offs:** ").append(o.tradeoffs()).append("\n\n");
            }
            if (!o.files().isEmpty()) {
                md.append("**Files:** ").append(String.join(", ", o.files().stream().map(f -> "`" + f + "`").toList()))
                        .append("\n\n");
            }
            if (!o.tests().isBlank()) {
                md.append("**Tests:** ").append(o.tests()).append("\n\n");
            }
        }
        if (breakingChange) {
            md.append("> **Breaking change:** this plan changes behaviour others may rely on.\n");
        }
        return md.toString().stripTrailing();
    }

    /**
     * The text of option {@code number} (1-based; {@code null} means the recommended one, or the first)
     * in the plan comment, or empty when the issue has no plan comment.
     */
    static Optional<String> approvedOption(List<Comment> comments, Integer number) {
        Optional<Comment> plan = comments.stream().filter(c -> c.carries(MARKER)).reduce((a, b) -> b);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        String body = plan.get().body().replace(MARKER.tag(), "");
        Matcher m = HEADING.matcher(body);
        List<int[]> sections = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        while (m.find()) {
            sections.add(new int[] {m.start(), 0});
            numbers.add(Integer.parseInt(m.group(1)));
        }
        if (sections.isEmpty()) {
            return Optional.of(body.strip());
        }
        int wanted = number != null ? number : recommendedIn(body, numbers);
        for (int i = 0; i < sections.size(); i++) {
            if (numbers.get(i) == wanted) {
                int end = i + 1 < sections.size() ? sections.get(i + 1)[0] : body.length();
                return Optional.of(body.substring(sections.get(i)[0], end).strip());
            }
        }
        throw new StepFailure.Structural("the plan has no option " + wanted + "; it offers options " + numbers);
    }

    private static int recommendedIn(String body, List<Integer> numbers) {
        Matcher m = Pattern.compile("(?m)^### Option (\\d+): .*\\(recommended\\)\\s*$").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : numbers.getFirst();
    }
}
