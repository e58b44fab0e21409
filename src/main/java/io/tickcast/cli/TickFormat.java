package io.tickcast.cli;

import java.util.Locale;

/** How {@code produce}'s input spells its ticks. */
enum TickFormat implements Spelled {
    /** {@code symbol,date,close[,open,high,low,volume]} with a header line. */
    CSV("csv"),
    /** One tick per line as the ticks topic carries it: {@code {"symbol":"DAX","date":"1991-07-01","close":1628.75}}. */
    JSON("json");

    private final String spelling;

    TickFormat(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String spelling() {
        return spelling;
    }

    /** The format a file name says ({@code .csv}; {@code .jsonl}, {@code .ndjson}, {@code .json}), or null. */
    static TickFormat ofFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
            return JSON;
        }
        return null;
    }

    /**
     * The format of content whose name says none (standard input, another extension): JSON lines if its first
     * character other than whitespace (after a UTF-8 byte-order mark) is <code>{</code>, else CSV.
     */
    static TickFormat ofContent(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '{' ? JSON : CSV;
    }

    static final class Converter extends Spelled.Converter<TickFormat> {
        Converter() {
            super(TickFormat.class);
        }
    }
}
