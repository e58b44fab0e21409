package io.tickcast.records;

import java.util.List;

/**
 * The stated limits of a tick on the ticks topic (docs/topics-and-records.md, "Tick validity"). They are fixed constants, not
 * settings: the stream instances and the trainer must all agree on what a tick is, and no real tick comes
 * near them.
 */
public final class TickLimits {

    /** Most bytes a tick value may have, checked before it is parsed; a real tick has under 200. */
    public static final int MAX_BYTES = 4096;

    /**
     * Longest symbol, in characters (symbols are ASCII, so also bytes). Real tickers are far shorter: Yahoo
     * symbols such as {@code EURUSD=X} or {@code 0P0000XVA6.F} have at most a dozen, OCC option symbols 21.
     */
    public static final int MAX_SYMBOL_LENGTH = 32;

    /**
     * The characters a symbol may have besides ASCII letters and digits: {@code .} (share classes and
     * exchange suffixes: {@code BRK.B}, {@code 7203.T}), {@code -} ({@code RDS-A}, {@code BTC-USD}),
     * {@code ^} (indices: {@code ^GSPC}), {@code =} ({@code EURUSD=X}, {@code ES=F}), {@code _}, {@code :}
     * (exchange prefixes: {@code NASDAQ:AAPL}) and {@code &} ({@code M&M.NS}). Not {@code /}: a symbol is
     * also a path segment of {@code GET /forecasts/{symbol}}. Not whitespace: a symbol is used as it is.
     */
    public static final String SYMBOL_PUNCTUATION = ".-^=_:&";

    /** Deepest nesting of JSON objects and arrays read (a tick is flat: depth 1); deeper is malformed. */
    public static final int MAX_NESTING_DEPTH = 16;

    /** Most digits in one JSON number (sign, point and exponent marker not counted); more is malformed. */
    public static final int MAX_NUMBER_DIGITS = 100;

    /** The fields a tick may have; any other field is an unknown field. */
    public static final List<String> FIELDS = List.of("symbol", "date", "close", "open", "high", "low", "volume");

    private TickLimits() {
    }

    /** Whether {@code c} may appear in a symbol: an ASCII letter or digit, or one of {@link #SYMBOL_PUNCTUATION}. */
    public static boolean isSymbolChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || SYMBOL_PUNCTUATION.indexOf(c) >= 0;
    }
}
