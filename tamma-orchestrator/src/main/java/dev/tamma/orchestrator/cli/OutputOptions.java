package dev.tamma.orchestrator.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --json} for scripts and {@code --color} for people, shared by the commands that print workflows. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print JSON (the API's) instead of text, for scripts.")
    boolean json;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN", converter = ColorChoice.class,
            description = "Colours and symbols: auto (only on a terminal), always or never.")
    TerminalStyle.Choice color;

    TerminalStyle style() {
        return TerminalStyle.of(color);
    }

    /** {@code auto}, {@code always} or {@code never}, in any case. */
    static final class ColorChoice implements CommandLine.ITypeConverter<TerminalStyle.Choice> {
        @Override
        public TerminalStyle.Choice convert(String value) {
            try {
                return TerminalStyle.Choice.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not auto, always or never");
            }
        }
    }
}
