package dev.tamma.providers.langchain4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's HTTP client SPI on the JDK client, like its own {@code JdkHttpClient}, except that a
 * non-2xx answer becomes a {@link VendorHttpException} carrying the vendor's {@code Retry-After},
 * which the retry policy honours. Streaming goes to the stock client.
 */
public final class VendorHttpClient implements HttpClient {

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;
    private final Clock clock;
    private final JdkHttpClient streaming;

    private VendorHttpClient(Builder builder) {
        this.readTimeout = builder.readTimeout;
        this.clock = builder.clock;
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (builder.connectTimeout != null) {
            jdk.connectTimeout(builder.connectTimeout);
        }
        this.client = jdk.build();
        this.streaming = new JdkHttpClientBuilder().connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout).build();
    }

    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(value -> jdk.header(name, value)));
        if (readTimeout != null) {
            jdk.timeout(readTimeout);
        }
        String body = request.body();
        jdk.method(request.method().name(), body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = client.send(jdk.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + URI.create(request.url()).getHost(), e);
        }
        Map<String, List<String>> headers = response.headers().map();
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new VendorHttpException(response.statusCode(), response.body(),
                    RetryAfter.from(headers, clock.instant()).orElse(null));
        }
        return SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(headers)
                .body(response.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streaming.execute(request, parser, listener);
    }

    /** Builds a {@link VendorHttpClient}; hand it to a LangChain4j model's {@code httpClientBuilder(...)}. */
    public static final class Builder implements HttpClientBuilder {
        private final Clock clock;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);

        private Builder(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new VendorHttpClient(this);
        }
    }
}
