package dev.tamma.orchestrator.logging;

import dev.tamma.core.platform.SecretRedaction;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the encoder of an appender (a pattern, or Spring Boot's structured JSON) and masks
 * credentials in what it produced, so no format and no code path can print one.
 */
final class RedactingEncoder<E> extends EncoderBase<E> {

    private final Encoder<E> delegate;

    RedactingEncoder(Encoder<E> delegate) {
        this.delegate = delegate;
    }

    Encoder<E> delegate() {
        return delegate;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(E event) {
        byte[] encoded = delegate.encode(event);
        if (encoded == null) {
            return null;
        }
        // ISO-8859-1 maps every byte to one char and back, so only the masked ASCII changes
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        String redacted = SecretRedaction.redact(text);
        return redacted == text ? encoded : redacted.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void start() {
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }
}
