package io.tickcast.records;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An independent statement of the "Tick validity" rules (docs/topics-and-records.md), for checking {@link TickParser}: its own UTF-8
 * check, its own RFC 8259 parser and its own field rules, sharing no code with the production parser. The
 * limits are written out here as the docs state them, so a change to them must change this file too.
 */
final class TickOracle {

    static final int MAX_BYTES = 4096;
    static final int MAX_DEPTH = 16;
    static final int MAX_DIGITS = 100;
    static final Set<String> FIELDS = Set.of("symbol", "date", "close", "open", "high", "low", "volume");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9.\\-^=_:&]{1,32}");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** What the parser must answer: a reason, or (reason null) the tick. */
    record Verdict(RejectReason reason, Tick tick) {
        static Verdict reject(RejectReason reason) {
            return new Verdict(reason, null);
        }
    }

    /** A JSON number as written. */
    record Num(String text) {
        double value() {
            return Double.parseDouble(text);
        }
    }

    /** JSON null. */
    enum Null { NULL }

    private TickOracle() {
    }

    static Verdict judge(byte[] bytes) {
        if (bytes.length == 0) {
            return Verdict.reject(RejectReason.MALFORMED_JSON);
        }
        if (bytes.length > MAX_BYTES) {
            return Verdict.reject(RejectReason.TOO_LARGE);
        }
        String text = Utf8.decode(bytes);
        if (text == null) {
            return Verdict.reject(RejectReason.MALFORMED_JSON);
        }
        Object value;
        try {
            value = new JsonReader(text).document();
        } catch (IllegalArgumentException e) {
            return Verdict.reject(RejectReason.MALFORMED_JSON);
        }
        if (!(value instanceof Map<?, ?> object)) {
            return Verdict.reject(RejectReason.MALFORMED_JSON);
        }
        return judgeFields(object);
    }

    private static Verdict judgeFields(Map<?, ?> o) {
        if (!FIELDS.containsAll(o.keySet())) {
            return Verdict.reject(RejectReason.UNKNOWN_FIELD);
        }
        Object symbol = present(o.get("symbol"));
        if (symbol == null || (symbol instanceof String s && s.isBlank())) {
            return Verdict.reject(RejectReason.MISSING_SYMBOL);
        }
        if (!(symbol instanceof String s) || !SYMBOL.matcher(s).matches()) {
            return Verdict.reject(RejectReason.BAD_SYMBOL);
        }
        LocalDate date = date(present(o.get("date")));
        if (date == null) {
            return Verdict.reject(RejectReason.BAD_DATE);
        }
        Object close = present(o.get("close"));
        if (!isPrice(close)) {
            return Verdict.reject(RejectReason.BAD_CLOSE);
        }
        String[] optional = {"open", "high", "low"};
        RejectReason[] reasons = {RejectReason.BAD_OPEN, RejectReason.BAD_HIGH, RejectReason.BAD_LOW};
        Double[] prices = new Double[3];
        for (int i = 0; i < 3; i++) {
            Object v = present(o.get(optional[i]));
            if (v != null && !isPrice(v)) {
                return Verdict.reject(reasons[i]);
            }
            prices[i] = v == null ? null : ((Num) v).value();
        }
        Object volume = present(o.get("volume"));
        if (volume != null && !isVolume(volume)) {
            return Verdict.reject(RejectReason.BAD_VOLUME);
        }
        return new Verdict(null, new Tick((String) symbol, date, ((Num) close).value(), prices[0], prices[1], prices[2],
                volume == null ? null : Long.valueOf(((Num) volume).text())));
    }

    private static Object present(Object v) {
        return v == Null.NULL ? null : v;
    }

    private static LocalDate date(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        var m = DATE.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int y = Integer.parseInt(m.group(1));
        int mo = Integer.parseInt(m.group(2));
        int d = Integer.parseInt(m.group(3));
        boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        int[] days = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) {
            return null;
        }
        return LocalDate.of(y, mo, d);
    }

    private static boolean isPrice(Object v) {
        return v instanceof Num n && Double.isFinite(n.value()) && n.value() > 0;
    }

    private static boolean isVolume(Object v) {
        if (!(v instanceof Num n) || !INTEGER.matcher(n.text()).matches()) {
            return false;
        }
        BigInteger i = new BigInteger(n.text());
        return i.signum() >= 0 && i.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0;
    }

    /** Well-formed UTF-8 (RFC 3629, Table 3-7 of Unicode): no overlongs, no surrogates, nothing above U+10FFFF. */
    static final class Utf8 {

        private Utf8() {
        }

        /** @return the text, or null if the bytes are not well-formed UTF-8 */
        static String decode(byte[] b) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < b.length) {
                int b0 = b[i] & 0xFF;
                int n;
                int lo = 0x80;
                int hi = 0xBF;
                if (b0 < 0x80) {
                    out.append((char) b0);
                    i++;
                    continue;
                } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                    n = 1;
                } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                    n = 2;
                    lo = b0 == 0xE0 ? 0xA0 : 0x80;
                    hi = b0 == 0xED ? 0x9F : 0xBF;
                } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                    n = 3;
                    lo = b0 == 0xF0 ? 0x90 : 0x80;
                    hi = b0 == 0xF4 ? 0x8F : 0xBF;
                } else {
                    return null;
                }
                if (i + n >= b.length) {
                    return null;
                }
                int cp = b0 & (0x3F >> n);
                for (int k = 1; k <= n; k++) {
                    int bk = b[i + k] & 0xFF;
                    int min = k == 1 ? lo : 0x80;
                    int max = k == 1 ? hi : 0xBF;
                    if (bk < min || bk > max) {
                        return null;
                    }
                    cp = (cp << 6) | (bk & 0x3F);
                }
                out.appendCodePoint(cp);
                i += n + 1;
            }
            return out.toString();
        }
    }

    /** RFC 8259 JSON text to Java values (Map, List, String, Num, Boolean, Null); throws IllegalArgumentException. */
    static final class JsonReader {
        private final String s;
        private int pos;
        private int depth;

        JsonReader(String s) {
            this.s = s;
        }

        /** One value surrounded by optional whitespace, or throws. */
        Object document() {
            skipWhitespace();
            Object v = value();
            skipWhitespace();
            if (pos != s.length()) {
                throw fail("content after the value");
            }
            return v;
        }

        private Object value() {
            if (pos >= s.length()) {
                throw fail("no value");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", Null.NULL);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> o = new LinkedHashMap<>();
            elements('}', () -> member(o));
            return o;
        }

        private List<Object> array() {
            List<Object> a = new ArrayList<>();
            elements(']', () -> a.add(value()));
            return a;
        }

        /** The elements of an object or array, from its opening character to {@code close}. */
        private void elements(char close, Runnable element) {
            enter();
            skipWhitespace();
            if (peek() == close) {
                pos++;
                depth--;
                return;
            }
            while (true) {
                skipWhitespace();
                element.run();
                skipWhitespace();
                char c = next();
                if (c == close) {
                    depth--;
                    return;
                }
                if (c != ',') {
                    throw fail("expected , or " + close);
                }
            }
        }

        private void member(Map<String, Object> o) {
            if (peek() != '"') {
                throw fail("expected a name");
            }
            String name = string();
            if (hasUnpairedSurrogate(name)) {
                // RFC 8259 leaves this open; Jackson refuses it in a name (in a value it keeps it as it is)
                throw fail("a name that is not Unicode");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (o.containsKey(name)) {
                throw fail("duplicate name");
            }
            o.put(name, value());
        }

        private static boolean hasUnpairedSurrogate(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }

        private void enter() {
            pos++;
            if (++depth > MAX_DEPTH) {
                throw fail("too deep");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw fail("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(hex4());
                    default -> throw fail("bad escape");
                }
            }
        }

        private char hex4() {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                char c = next();
                int d = "0123456789abcdef".indexOf(Character.toLowerCase(c));
                if (c > 0x7F || d < 0) {
                    throw fail("bad \\u escape");
                }
                v = v * 16 + d;
            }
            return (char) v;
        }

        private Num number() {
            int start = pos;
            int digits = 0;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                digits++;
            } else if (isDigit(peek()) && peek() != '0') {
                digits += digitRun();
            } else {
                throw fail("not a value");
            }
            if (peek() == '.') {
                pos++;
                int frac = digitRun();
                if (frac == 0) {
                    throw fail("no digits after the point");
                }
                digits += frac;
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                int exp = digitRun();
                if (exp == 0) {
                    throw fail("no exponent digits");
                }
                digits += exp;
            }
            if (digits > MAX_DIGITS) {
                throw fail("too many digits");
            }
            return new Num(s.substring(start, pos));
        }

        private int digitRun() {
            int n = 0;
            while (isDigit(peek())) {
                pos++;
                n++;
            }
            return n;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw fail("not a literal");
            }
            pos += word.length();
            return value;
        }

        private void skipWhitespace() {
            while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        /** The next character, or U+FFFF at the end (never valid where peeked). */
        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\uFFFF';
        }

        private char next() {
            if (pos >= s.length()) {
                throw fail("unexpected end");
            }
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected " + c);
            }
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException(why + " at " + pos);
        }
    }
}
