package io.tickcast.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON lines of ticks: one tick per line, each validated by {@link TickParser}, exactly as the stream
 * validates a tick's bytes (so a line this reader accepts is never dead-lettered for its content). Lines end in LF
 * (a CR before it is whitespace to JSON); blank lines are skipped, and a UTF-8 byte-order mark at the very start of
 * the input is not part of the first line. The whole input is read before anything is returned: if any line is bad,
 * {@link JsonLinesFormatException} names the first bad lines (number, reason and detail) and no tick is returned.
 */
public final class JsonLinesTickReader {

    /** Most bad lines named in the error; the rest are counted. */
    static final int MAX_LINES_NAMED = 5;

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private JsonLinesTickReader() {
    }

    /**
     * @param name what the error calls the input (a file name, or {@code standard input})
     * @throws JsonLinesFormatException if a line is not a valid tick
     */
    public static List<Tick> read(byte[] content, String name) {
        List<Tick> ticks = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int badLines = 0;
        int start = startsWith(content, BYTE_ORDER_MARK) ? BYTE_ORDER_MARK.length : 0;
        int lineNo = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            lineNo++;
            byte[] line = Arrays.copyOfRange(content, start, end);
            start = end + 1;
            if (isBlank(line)) {
                continue;
            }
            ParsedTick parsed = TickParser.parse(line);
            if (parsed.isValid()) {
                ticks.add(parsed.tick());
            } else {
                badLines++;
                if (bad.size() < MAX_LINES_NAMED) {
                    bad.add(name + ":" + lineNo + ": " + parsed.reason().code() + ": " + parsed.detail());
                }
            }
        }
        if (badLines > 0) {
            throw new JsonLinesFormatException(bad, badLines);
        }
        return ticks;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return content.length;
    }

    /** Only JSON whitespace (space, tab, CR): no value on the line. */
    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
