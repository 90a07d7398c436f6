package dev.tamma.providers.scripted;

import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.ChatMessage;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.ToolSpec;
import dev.tamma.core.workflow.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays a script of answers, for the offline demo and for tests: answers are keyed by step and by
 * the order of calls within that step (per workflow). Any call the script does not expect (a step
 * it has no answers for, one call too many, or a request that fails the answer's {@code expect})
 * throws {@link UnexpectedCallException}, which no retry or fallback swallows.
 *
 * <pre>
 * model: scripted-demo
 * steps:
 *   plan:
 *     - text: "Option 1: ..."
 *       usage: {input: 1200, output: 300}
 *   implement:
 *     - expect: {contains: "Add a greeting", tools: [write_file]}
 *       toolCalls:
 *         - name: write_file
 *           arguments: {path: hello.txt, content: "hello"}
 *     - text: "DONE: wrote hello.txt"
 *     - error: {kind: RATE_LIMITED, status: 429, retryAfterSeconds: 2}
 * </pre>
 */
public final class ScriptedProvider implements AiProvider {

    public static final String TYPE = "scripted";

    private final String id;
    private final Script script;
    private final Map<String, Map<Step, Integer>> played = new HashMap<>();

    public ScriptedProvider(String id, Script script) {
        this.id = Objects.requireNonNull(id, "id");
        this.script = Objects.requireNonNull(script, "script");
    }

    public static ScriptedProvider load(String id, Path file) {
        try {
            return new ScriptedProvider(id, Script.parse(Files.readString(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the script " + file, e);
        }
    }

    public static ScriptedProvider of(String id, String yaml) {
        return new ScriptedProvider(id, Script.parse(yaml, "inline script"));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized ChatResult chat(ChatRequest request) {
        Step step = request.context().step();
        Map<Step, Integer> counts = played.computeIfAbsent(request.context().workflowId(), k -> new EnumMap<>(Step.class));
        int index = counts.getOrDefault(step, 0);
        List<Script.Entry> entries = script.steps().get(step);
        if (entries == null) {
            throw new UnexpectedCallException("script " + script.source() + " has no answers for step " + step.slug()
                    + " (it has " + script.steps().keySet().stream().map(Step::slug).toList() + "), but call #"
                    + (index + 1) + " of workflow " + request.context().workflowId() + " asked");
        }
        if (index >= entries.size()) {
            throw new UnexpectedCallException("script " + script.source() + " has " + entries.size()
                    + " answer(s) for step " + step.slug() + ", but call #" + (index + 1) + " of workflow "
                    + request.context().workflowId() + " asked: " + lastMessage(request));
        }
        counts.put(step, index + 1);
        Script.Entry entry = entries.get(index);
        check(entry, request, step, index);
        if (entry.error() != null) {
            Script.Failure failure = entry.error();
            throw new AiCallException(id, failure.kind(), failure.status(), failure.retryAfter(),
                    "scripted failure for step " + step.slug() + " call #" + (index + 1), null);
        }
        return new ChatResult(id, request.model() == null ? script.model() : request.model(), entry.text(),
                entry.toolCalls(), entry.usage(), null);
    }

    /** Answers the script holds that no call has used yet, per step, for one workflow. */
    public synchronized Map<Step, Integer> unplayed(String workflowId) {
        Map<Step, Integer> counts = played.getOrDefault(workflowId, Map.of());
        Map<Step, Integer> left = new EnumMap<>(Step.class);
        script.steps().forEach((step, entries) -> {
            int remaining = entries.size() - counts.getOrDefault(step, 0);
            if (remaining > 0) {
                left.put(step, remaining);
            }
        });
        return left;
    }

    private void check(Script.Entry entry, ChatRequest request, Step step, int index) {
        String where = "script " + script.source() + ", step " + step.slug() + ", answer #" + (index + 1);
        if (entry.expectContains() != null && !lastMessage(request).contains(entry.expectContains())) {
            throw new UnexpectedCallException(where + " expects the last message to contain '"
                    + entry.expectContains() + "', but it was: " + lastMessage(request));
        }
        List<String> offered = request.tools().stream().map(ToolSpec::name).toList();
        List<String> missing = new ArrayList<>(entry.expectTools());
        missing.removeAll(offered);
        if (!missing.isEmpty()) {
            throw new UnexpectedCallException(where + " expects the tools " + missing + " to be offered, but only "
                    + offered + " were");
        }
        List<String> unknown = entry.toolCalls().stream().map(c -> c.name()).filter(n -> !offered.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new UnexpectedCallException(where + " calls the tools " + unknown + ", which the request does not offer "
                    + offered);
        }
    }

    private static String lastMessage(ChatRequest request) {
        ChatMessage last = request.messages().getLast();
        String text = switch (last) {
            case ChatMessage.System s -> s.text();
            case ChatMessage.User u -> u.text();
            case ChatMessage.Assistant a -> a.text();
            case ChatMessage.ToolResult t -> t.content();
        };
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The script does not expect this call. Deliberately not an {@link AiCallException}: nothing retries it. */
    public static final class UnexpectedCallException extends IllegalStateException {
        public UnexpectedCallException(String message) {
            super(message);
        }
    }
}
