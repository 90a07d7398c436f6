package dev.tamma.orchestrator.alert;

/** A channel did not take an alert. The message says why and never holds the channel's secrets. */
public class AlertDeliveryException extends RuntimeException {

    public AlertDeliveryException(String message) {
        super(message);
    }

    public AlertDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
