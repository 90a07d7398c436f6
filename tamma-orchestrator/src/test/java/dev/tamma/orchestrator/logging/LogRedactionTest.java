package dev.tamma.orchestrator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrapper on a logback set up as a command's logback file would: whatever is logged, no token is written. */
class LogRedactionTest {

    private static final String TOKEN = "tamma_wt_c2VjcmV0LXdvcmtlci10b2tlbg";

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private LoggerContext context;
    private Logger logger;

    @BeforeEach
    void logback() {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger: %msg%n%ex");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        logger = context.getLogger("dev.tamma.test");
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private String output() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void messagesArgumentsAndStackTracesAreMasked() {
        LogRedaction.install(context);

        logger.info("token {} for ünïcödé names", TOKEN);
        logger.warn("call failed", new IllegalStateException("401 with Authorization: Bearer " + TOKEN,
                new RuntimeException("key sk-ant-api03-abcdefghijklmnop")));

        assertThat(output()).doesNotContain("c2VjcmV0LXdvcmtlci10b2tlbg", "abcdefghijklmnop")
                .contains("INFO dev.tamma.test: token tamma_wt_[REDACTED] for ünïcödé names")
                .contains("IllegalStateException: 401 with Authorization: Bearer [REDACTED]")
                .contains("sk-ant-[REDACTED]");
    }

    @Test
    void installingTwiceWrapsOnce() {
        LogRedaction.install(context);
        LogRedaction.install(context);
        var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders().next();

        assertThat(appender.getEncoder()).isInstanceOf(RedactingEncoder.class);
        assertThat(((RedactingEncoder<ILoggingEvent>) appender.getEncoder()).delegate())
                .isInstanceOf(PatternLayoutEncoder.class);
    }

    @Test
    void withoutItTheTokenWouldBeWritten() {
        logger.info("token {}", TOKEN);

        assertThat(output()).as("the check above can fail").contains(TOKEN);
    }
}
