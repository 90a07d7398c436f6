package dev.tamma.worker.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in {@code .tamma.yml}: {@code 30m}, {@code 1h30m}, {@code 3d}, or ISO-8601. */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private DurationText() {
    }

    /** Empty when the text is neither form (or too large to hold). */
    static Optional<Duration> parse(String text) {
        Matcher shortForm = SHORT.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (!text.isEmpty() && shortForm.matches()) {
                Duration total = Duration.ZERO;
                for (int group = 1; group <= UNIT_MILLIS.length; group++) {
                    if (shortForm.group(group) != null) {
                        long amount = Long.parseLong(shortForm.group(group));
                        total = total.plusMillis(Math.multiplyExact(amount, UNIT_MILLIS[group - 1]));
                    }
                }
                return Optional.of(total);
            }
            return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The short form, for messages that quote a duration back: {@code 1d}, {@code 1h30m}. */
    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        if (duration.toDays() > 0) {
            text.append(duration.toDays()).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
