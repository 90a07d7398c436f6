package dev.tamma.providers.langchain4j;

import dev.tamma.providers.ProviderSettings;
import java.time.Clock;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.tamma.core.ai.AiCallException;
import dev.tamma.core.ai.AiCallException.Kind;
import dev.tamma.core.ai.AiProvider;
import dev.tamma.core.ai.ChatRequest;
import dev.tamma.core.ai.ChatResult;
import dev.tamma.core.ai.TokenUsage;
import dev.tamma.core.ai.ToolCall;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link AiProvider} on a LangChain4j {@link ChatModel}: one model instance per model name,
 * built by the vendor's folder, with LangChain4j's own retries off (Tamma's resilience policy
 * retries) and every failure classified into an {@link AiCallException}.
 */
public abstract class LangChain4jProvider implements AiProvider {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The provider's settings, key (null where the vendor needs none) and clock, for building models. */
    protected final ProviderSettings settings;
    protected final String apiKey;
    protected final Clock clock;

    private final String id;
    private final String defaultModel;
    private final Redactor redactor;
    private final ConcurrentMap<String, ChatModel> models = new ConcurrentHashMap<>();

    protected LangChain4jProvider(ProviderSettings settings, String apiKey, Clock clock) {
        String id = settings.id();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("provider id must not be blank");
        }
        this.settings = settings;
        this.apiKey = apiKey;
        this.clock = clock;
        this.id = id;
        this.defaultModel = settings.defaultModel() == null || settings.defaultModel().isBlank() ? null
                : settings.defaultModel();
        this.redactor = new Redactor(apiKey == null ? List.of() : List.of(apiKey));
    }

    /** Builds the vendor's LangChain4j model for one model name. */
    protected abstract ChatModel buildModel(String modelName);

    /**
     * Builds the model for a variant of the request (see {@link #variant}); the default ignores the
     * variant.
     */
    protected ChatModel buildModel(String modelName, String variant) {
        return buildModel(modelName);
    }

    /**
     * Requests that need a differently configured model say so here; each (model, variant) pair
     * gets its own model instance. The default has one variant.
     */
    protected String variant(ChatRequest request) {
        return "";
    }

    /** Vendor-specific reading of token usage; the default knows no cached tokens. */
    protected TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()), 0);
    }

    /** Vendor-specific failures LangChain4j does not map (the Azure SDK's, for one). */
    protected Optional<AiCallException> classifySpecific(Throwable failure) {
        return Optional.empty();
    }

    /** A wait the vendor states in its error body; wins over the {@code Retry-After} header. None by default. */
    protected Optional<Duration> retryAfterFromBody(String body) {
        return Optional.empty();
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public ChatResult chat(ChatRequest request) {
        String model = request.model() != null ? request.model() : defaultModel;
        if (model == null) {
            throw new AiCallException(id, Kind.INVALID_REQUEST, "no model given and provider '" + id
                    + "' has no default model");
        }
        ChatResponse response;
        try {
            String variant = variant(request);
            ChatModel chatModel = models.computeIfAbsent(model + "\u0000" + variant, key -> buildModel(model, variant));
            response = chatModel.chat(Lc4jMapping.toLangChain4j(request, model));
        } catch (AiCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw classify(e);
        }
        return result(request, model, response);
    }

    private ChatResult result(ChatRequest request, String model, ChatResponse response) {
        if (response == null || response.aiMessage() == null) {
            throw new AiCallException(id, Kind.MALFORMED_RESPONSE, "the answer has no message");
        }
        List<ToolCall> calls = new ArrayList<>();
        List<ToolExecutionRequest> requests = response.aiMessage().toolExecutionRequests();
        for (int i = 0; requests != null && i < requests.size(); i++) {
            ToolExecutionRequest call = requests.get(i);
            if (call.name() == null || call.name().isBlank()) {
                throw new AiCallException(id, Kind.MALFORMED_RESPONSE, "tool call " + i + " has no name");
            }
            String callId = call.id() == null || call.id().isBlank() ? "call_" + i : call.id();
            calls.add(new ToolCall(callId, call.name(), call.arguments()));
        }
        String text = response.aiMessage().text();
        if (request.responseFormat() != null && calls.isEmpty()) {
            requireJsonObject(text);
        }
        ChatResult.FinishReason finish = switch (response.finishReason() == null ? dev.langchain4j.model.output.FinishReason.OTHER
                : response.finishReason()) {
            case STOP -> ChatResult.FinishReason.STOP;
            case LENGTH -> ChatResult.FinishReason.LENGTH;
            case TOOL_EXECUTION -> ChatResult.FinishReason.TOOL_CALLS;
            case CONTENT_FILTER -> ChatResult.FinishReason.CONTENT_FILTER;
            default -> calls.isEmpty() ? ChatResult.FinishReason.OTHER : ChatResult.FinishReason.TOOL_CALLS;
        };
        String answeredBy = response.modelName() == null ? model : response.modelName();
        return new ChatResult(id, answeredBy, text, calls, usage(response.tokenUsage()), finish);
    }

    private void requireJsonObject(String text) {
        try {
            if (text == null || !JSON.readTree(text).isObject()) {
                throw new AiCallException(id, Kind.MALFORMED_RESPONSE,
                        "structured output was asked for but the answer is not a JSON object");
            }
        } catch (JacksonException e) {
            throw new AiCallException(id, Kind.MALFORMED_RESPONSE,
                    "structured output was asked for but the answer is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Turns whatever LangChain4j or the HTTP client threw into an {@link AiCallException}. */
    protected AiCallException classify(Throwable failure) {
        Optional<AiCallException> specific = classifySpecific(failure);
        if (specific.isPresent()) {
            return specific.get();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VendorHttpException http) {
                // what the body says is more specific than a generic header
                Duration wait = retryAfterFromBody(http.getMessage()).or(http::retryAfter).orElse(null);
                return fromStatus(http.statusCode(), wait, http.getMessage(), failure);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return fromStatus(http.statusCode(), null, http.getMessage(), failure);
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return failure(Kind.TIMEOUT, 0, null, "no answer in time", failure);
            }
            if (t instanceof ConnectException) {
                return failure(Kind.TIMEOUT, 0, null, "cannot connect: " + t.getMessage(), failure);
            }
            if (t.getClass().getName().startsWith("com.fasterxml.jackson.") || t instanceof JacksonException) {
                return failure(Kind.MALFORMED_RESPONSE, 0, null, "the answer is not the vendor's documented JSON: "
                        + t.getMessage(), failure);
            }
        }
        Kind kind = switch (failure) {
            case RateLimitException ignored -> Kind.RATE_LIMITED;
            case InternalServerException ignored -> Kind.SERVER_ERROR;
            case AuthenticationException ignored -> Kind.AUTHENTICATION;
            case InvalidRequestException ignored -> Kind.INVALID_REQUEST;
            case UnsupportedFeatureException ignored -> Kind.INVALID_REQUEST;
            default -> Kind.OTHER;
        };
        return failure(kind, 0, null, failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
    }

    protected AiCallException fromStatus(int status, Duration retryAfter, String body, Throwable cause) {
        Kind kind;
        if (status == 429) {
            kind = Kind.RATE_LIMITED;
        } else if (status == 529 || status == 503) {
            kind = Kind.OVERLOADED;
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
        } else if (status == 401 || status == 403) {
            kind = Kind.AUTHENTICATION;
        } else if (status == 408) {
            kind = Kind.TIMEOUT;
        } else {
            kind = Kind.INVALID_REQUEST;
        }
        return failure(kind, status, retryAfter, body, cause);
    }

    /**
     * Builds the exception with a redacted message. The LangChain4j exception is not kept as the
     * cause: its message holds the vendor's raw body, which may echo a key.
     */
    protected AiCallException failure(Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        AiCallException exception = new AiCallException(id, kind, status, retryAfter, redactor.redact(message), null);
        exception.setStackTrace(cause.getStackTrace());
        return exception;
    }

    protected Redactor redactor() {
        return redactor;
    }

    protected static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
