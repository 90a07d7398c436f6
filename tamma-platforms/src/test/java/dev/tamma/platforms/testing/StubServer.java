package dev.tamma.platforms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A WireMock server that is strict both ways: {@link #verifyStrictly()} fails on any request no stub
 * matched, and on any stub no request used, so a stubbed scenario proves both that Tamma sent what
 * the platform documents and that it sent nothing else.
 */
public final class StubServer implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    public StubServer() {
        server.start();
    }

    public WireMockServer wm() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void verifyStrictly() {
        assertThat(server.findAllUnmatchedRequests()).as("requests no stub matched")
                .extracting(LoggedRequest::getMethod, LoggedRequest::getUrl, LoggedRequest::getBodyAsString)
                .isEmpty();
        Set<UUID> used = server.getAllServeEvents().stream().filter(e -> e.getStubMapping() != null)
                .map(ServeEvent::getStubMapping).map(StubMapping::getId).collect(Collectors.toSet());
        assertThat(server.getStubMappings()).as("stubs no request used")
                .filteredOn(m -> !used.contains(m.getId()))
                .extracting(m -> m.getRequest().toString())
                .isEmpty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
