package dev.tamma.orchestrator.alert;

import java.util.List;
import java.util.Optional;

/** The channels configured under {@code tamma.alerts}; none means alerts are off. */
public record AlertChannels(List<AlertSender> senders) {

    public AlertChannels {
        senders = List.copyOf(senders);
    }

    public boolean any() {
        return !senders.isEmpty();
    }

    public List<String> names() {
        return senders.stream().map(AlertSender::channel).toList();
    }

    public Optional<AlertSender> find(String channel) {
        return senders.stream().filter(s -> s.channel().equals(channel)).findFirst();
    }
}
