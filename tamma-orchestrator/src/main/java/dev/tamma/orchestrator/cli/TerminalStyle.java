package dev.tamma.orchestrator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Colours and symbols for people at a terminal, plain words for pipes and files: {@code auto}
 * decides by whether standard output is a terminal (and honours {@code NO_COLOR}).
 */
final class TerminalStyle {

    enum Choice { AUTO, ALWAYS, NEVER }

    private static final String RESET = "\u001B[0m";

    private final boolean fancy;

    private TerminalStyle(boolean fancy) {
        this.fancy = fancy;
    }

    static TerminalStyle of(Choice choice) {
        return new TerminalStyle(switch (choice) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> CommandLine.Help.Ansi.AUTO.enabled();
        });
    }

    /** A workflow status: a symbol and a colour on a terminal, the bare name otherwise. */
    String status(String status) {
        if (!fancy) {
            return status;
        }
        return switch (status) {
            case "RUNNING" -> paint("34", "\u25B6 " + status);           // blue ▶
            case "WAITING_FOR_HUMAN" -> paint("33", "\u23F8 " + status); // yellow ⏸
            case "ESCALATED" -> paint("31;1", "\u2717 " + status);       // bold red ✗
            case "DONE" -> paint("32", "\u2713 " + status);              // green ✓
            case "CANCELLED" -> paint("90", "\u25A0 " + status);         // grey ■
            default -> status;
        };
    }

    /** The extra width {@link #status} adds for escape codes, so padded columns still line up. */
    int invisible(String styled) {
        return styled.length() - styled.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }

    String ok(String text) {
        return fancy ? paint("32", "\u2713 ") + text : text;
    }

    String dim(String text) {
        return fancy ? paint("90", text) : text;
    }

    String bold(String text) {
        return fancy ? paint("1", text) : text;
    }

    private static String paint(String code, String text) {
        return "\u001B[" + code + "m" + text + RESET;
    }

    /** {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}: how long ago, for people scanning a list. */
    static String age(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toMinutes() < 1) {
            return d.toSeconds() + "s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m";
        }
        if (d.toDays() < 1) {
            return d.toHours() + "h";
        }
        return d.toDays() + "d";
    }

    static String lower(String constant) {
        return constant == null ? "" : constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
