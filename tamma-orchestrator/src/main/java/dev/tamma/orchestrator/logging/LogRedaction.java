package dev.tamma.orchestrator.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Puts a {@link RedactingEncoder} in front of every appender's encoder, after Spring Boot (or a
 * command's own logback file) has configured logging. Registered in {@code META-INF/spring.factories},
 * so it runs for the service, the demo and {@code tamma run} alike, right after Boot's
 * {@link LoggingApplicationListener}; the commands call {@link #install()} themselves.
 */
public final class LogRedaction implements GenericApplicationListener {

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        install();
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Wraps the encoders of logback's appenders; does nothing when logback is not the logging backend. */
    public static void install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            install(context);
        }
    }

    static void install(LoggerContext context) {
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                    wrap(appender);
                }
            }
        }
    }

    private static void wrap(OutputStreamAppender<ILoggingEvent> appender) {
        Encoder<ILoggingEvent> encoder = appender.getEncoder();
        if (encoder == null || encoder instanceof RedactingEncoder) {
            return;
        }
        RedactingEncoder<ILoggingEvent> redacting = new RedactingEncoder<>(encoder);
        redacting.setContext(appender.getContext());
        redacting.start();
        appender.setEncoder(redacting);
    }
}
