package dev.tamma.orchestrator.dashboard;

import dev.tamma.orchestrator.api.EventSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;

/** How the pages write values for people; the templates reach it as {@code fmt}. */
public final class DashboardFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Instant now;

    DashboardFormat(Instant now) {
        this.now = now;
    }

    /** {@code WAITING_FOR_HUMAN} as {@code waiting for human}. */
    public String words(String constant) {
        return EventSummary.words(constant);
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** {@code 3 min ago}, {@code in 2 d}. */
    public String relative(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(instant, now);
        String amount = amount(d.abs());
        return d.isNegative() ? "in " + amount : amount + " ago";
    }

    public String dollars(BigDecimal usd) {
        return usd == null ? "-" : "$" + usd.setScale(usd.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2,
                RoundingMode.HALF_UP).toPlainString();
    }

    public String summary(JsonNode payload) {
        return EventSummary.of(payload);
    }

    private static String amount(Duration d) {
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        return d.toDays() + " d";
    }
}
