package dev.tamma.orchestrator.alert;

/** A channel alerts go out on. */
public interface AlertSender {

    /** The channel's name in the delivery table and the logs: {@code slack}, {@code email}. */
    String channel();

    /**
     * Delivers one alert, or throws; a failed delivery is tried again.
     *
     * @throws AlertDeliveryException saying why, without the channel's secrets
     */
    void send(Alert alert);
}
