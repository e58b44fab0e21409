package io.tickcast.records;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates tick-parser inputs from a seeded {@link Random}: random bytes, mutated valid ticks, and tick-like
 * JSON objects whose fields are drawn from valid values, near misses and arbitrary JSON (long and unicode
 * strings, nested values, numbers such as {@code 1e400} or {@code -0}), written with random whitespace and
 * escapes, now and then with an unknown or duplicate field, trailing content or another encoding.
 */
final class TickInputs {

    private static final String SYMBOL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-^=_:&";
    private static final List<String> REAL_SYMBOLS = List.of("BRK.B", "RDS-A", "^GSPC", "7203.T", "EURUSD=X", "BTC-USD",
            "DAX", "NASDAQ:AAPL", "M&M.NS", "ES=F", "BF_B");
    private static final List<String> BAD_SYMBOLS = List.of("BRK B", " DAX", "DAX ", "EUR/USD", "D\u00c4X", "A\tB", "\u00a0",
            "\u2003", "X\u0000", "\uD83D\uDCC8", "A,B", "A\"B", "A\\B", "\u0130BM", "\uFF24AX");
    private static final List<String> BAD_DATES = List.of("2020-02-30", "2019-02-29", "2020-13-01", "2020-00-10", "2020-01-00",
            "2020-1-2", "+12020-01-01", "20200102", "2020/01/02", "2020-01-02T00:00", " 2020-01-02", "2020-01-02 ",
            "\uFF12\uFF10\uFF12\uFF10-01-02", "\u0662\u0660\u0662\u0660-01-02", "", "yesterday", "1900-02-29", "-2020-01-01");
    private static final List<String> ODD_NUMBERS = List.of("0", "-0", "-0.0", "0.0", "-1", "-1.5", "1e400", "-1e400", "1e-400",
            "4.9e-324", "1.7976931348623157e308", "1.8e308", "1E2", "15e-1", "2.5E+3", "1.0", "1.5", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1e3", "NaN", "Infinity",
            "-Infinity", "01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "1_000", "--1", "1.5.5");
    private static final List<String> GARBAGE = List.of("xyz", "{}", "]", "}", ",", "\"a\"", "0", "null", "//", "/* c */",
            "\u0000", "{\"symbol\":\"X\"}", "\uFEFF", ";");

    private static final String MUTANTS = " {}[]\":,.-+0123456789eEtrufalsn\\x\u00ff";

    /** Characters with a two-character escape, and the letter of each. */
    private static final String ESCAPABLE = "\"\\/\b\f\n\r\t";
    private static final String ESCAPES = "\"\\/bfnrt";

    /** Characters JSON strings must escape, or that look like whitespace or a byte order mark. */
    private static final String SPECIALS = "\"\\/\u2028\uFEFF\uFFFF\u00a0";

    private final Random random;

    TickInputs(long seed) {
        this.random = new Random(seed);
    }

    /** One input from one of the families. */
    byte[] next() {
        int family = random.nextInt(100);
        if (family < 10) {
            return randomBytes();
        }
        if (family < 25) {
            return mutate(encode(validTick()));
        }
        if (family < 30) {
            return padTo(encode(validTick()), nearTheByteLimit());
        }
        if (family < 55) {
            return encode(validTick());
        }
        return encode(tickLike());
    }

    private int nearTheByteLimit() {
        return TickOracle.MAX_BYTES - 3 + random.nextInt(7);
    }

    private byte[] randomBytes() {
        int length = random.nextInt(10) == 0 ? 4000 + random.nextInt(200) : random.nextInt(60);
        byte[] b = new byte[length];
        random.nextBytes(b);
        if (length > 0 && random.nextBoolean()) {
            b[0] = '{';
        }
        return b;
    }

    private byte[] mutate(byte[] valid) {
        List<Byte> b = new ArrayList<>(valid.length + 8);
        for (byte x : valid) {
            b.add(x);
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !b.isEmpty(); m++) {
            int at = random.nextInt(b.size());
            switch (random.nextInt(5)) {
                case 0 -> b.set(at, (byte) random.nextInt(256));
                case 1 -> b.remove(at);
                case 2 -> b.add(at, (byte) MUTANTS.charAt(random.nextInt(MUTANTS.length())));
                case 3 -> b.subList(at, b.size()).clear();
                default -> {
                    for (byte x : GARBAGE.get(random.nextInt(GARBAGE.size())).getBytes(StandardCharsets.UTF_8)) {
                        b.add(at++, x);
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private byte[] padTo(byte[] json, int length) {
        byte[] out = new byte[Math.max(length, json.length)];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < out.length; i++) {
            out[i] = (byte) " \n\t\r".charAt(random.nextInt(4));
        }
        return out;
    }

    /** A tick that follows every rule, in random field order and layout. */
    String validTick() {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"symbol", quoted(validSymbol())});
        fields.add(new String[] {"date", quoted(validDate())});
        fields.add(new String[] {"close", validPrice()});
        for (String f : List.of("open", "high", "low")) {
            if (random.nextInt(3) == 0) {
                fields.add(new String[] {f, random.nextInt(6) == 0 ? "null" : validPrice()});
            }
        }
        if (random.nextInt(3) == 0) {
            fields.add(new String[] {"volume", random.nextInt(6) == 0 ? "null" : Long.toString(random.nextLong() >>> (1 + random.nextInt(63)))});
        }
        return object(fields);
    }

    /** A JSON object with mostly the tick's fields, each value valid, a near miss, or anything. */
    private String tickLike() {
        List<String[]> fields = new ArrayList<>();
        if (random.nextInt(10) < 9) {
            fields.add(new String[] {"symbol", random.nextInt(10) < 7 ? quoted(validSymbol()) : badSymbol()});
        }
        if (random.nextInt(10) < 9) {
            fields.add(new String[] {"date", random.nextInt(10) < 8 ? quoted(validDate()) : badDate()});
        }
        if (random.nextInt(10) < 9) {
            fields.add(new String[] {"close", number()});
        }
        for (String f : List.of("open", "high", "low")) {
            if (random.nextInt(10) < 3) {
                fields.add(new String[] {f, random.nextInt(4) == 0 ? anyValue(0) : number()});
            }
        }
        if (random.nextInt(10) < 3) {
            fields.add(new String[] {"volume", random.nextInt(4) == 0 ? anyValue(0) : number()});
        }
        if (random.nextInt(12) == 0) {
            fields.add(random.nextInt(fields.size() + 1), new String[] {unknownName(), anyValue(0)});
        }
        if (random.nextInt(40) == 0 && !fields.isEmpty()) {
            String[] twin = fields.get(random.nextInt(fields.size()));
            fields.add(new String[] {twin[0], random.nextBoolean() ? twin[1] : anyValue(0)});
        }
        String json = object(fields);
        if (random.nextInt(20) == 0) {
            json += whitespace() + GARBAGE.get(random.nextInt(GARBAGE.size()));
        }
        return json;
    }

    private String object(List<String[]> fields) {
        if (random.nextInt(3) == 0) {
            Collections.shuffle(fields, random);
        }
        StringBuilder b = new StringBuilder(whitespace()).append('{');
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? "" : ",").append(whitespace()).append(quoted(fields.get(i)[0])).append(whitespace())
                    .append(':').append(whitespace()).append(fields.get(i)[1]).append(whitespace());
        }
        return b.append('}').append(whitespace()).toString();
    }

    private String validSymbol() {
        if (random.nextBoolean()) {
            return REAL_SYMBOLS.get(random.nextInt(REAL_SYMBOLS.size()));
        }
        int length = random.nextInt(8) == 0 ? 32 : 1 + random.nextInt(8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(SYMBOL_CHARS.charAt(random.nextInt(SYMBOL_CHARS.length())));
        }
        return b.toString();
    }

    private String badSymbol() {
        return switch (random.nextInt(8)) {
            case 0 -> quoted(BAD_SYMBOLS.get(random.nextInt(BAD_SYMBOLS.size())));
            case 1 -> quoted("X".repeat(33 + random.nextInt(random.nextInt(10) == 0 ? 4000 : 40)));
            case 2 -> quoted(validSymbol() + BAD_SYMBOLS.get(random.nextInt(BAD_SYMBOLS.size())));
            case 3 -> quoted(random.nextBoolean() ? "" : "   ");
            case 4 -> "null";
            case 5 -> quoted(unicode(1 + random.nextInt(40)));
            default -> anyValue(0);
        };
    }

    private String validDate() {
        int year = random.nextInt(4) == 0 ? random.nextInt(10_000) : 1950 + random.nextInt(100);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    private String badDate() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> quoted(BAD_DATES.get(random.nextInt(BAD_DATES.size())));
            case 2 -> random.nextBoolean() ? "null" : "20200102";
            default -> anyValue(0);
        };
    }

    private String validPrice() {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(1 + random.nextInt(100_000));
            case 1 -> Double.toString(0.01 + random.nextDouble() * 10_000);
            case 2 -> (1 + random.nextInt(9)) + "." + random.nextInt(1000) + (random.nextBoolean() ? "e" : "E")
                    + (random.nextBoolean() ? "-" : "+") + random.nextInt(50);
            case 3 -> "1" + "0".repeat(random.nextInt(100));
            default -> String.format(java.util.Locale.ROOT, "%.2f", 0.01 + random.nextDouble() * 5000);
        };
    }

    private String number() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> validPrice();
            case 2, 3 -> ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size()));
            case 4 -> manyDigits();
            default -> Long.toString(random.nextLong());
        };
    }

    /** A number with about {@value TickOracle#MAX_DIGITS} digits in its parts, around the limit. */
    private String manyDigits() {
        int digits = TickOracle.MAX_DIGITS - 3 + random.nextInt(7);
        int integer = 1 + random.nextInt(digits);
        int fraction = random.nextInt(digits - integer + 1);
        int exponent = digits - integer - fraction;
        return (random.nextBoolean() ? "-" : "") + "1" + "2".repeat(integer - 1)
                + (fraction > 0 ? "." + "3".repeat(fraction) : "")
                + (exponent > 0 ? "e-" + "4".repeat(exponent) : "");
    }

    /** Any JSON value: strings, numbers, literals, and objects and arrays nested up to past the depth limit. */
    private String anyValue(int depth) {
        if (random.nextInt(40) == 0) {
            return deep(TickOracle.MAX_DEPTH - 5 + random.nextInt(8));
        }
        int kind = random.nextInt(depth > 18 ? 4 : 7);
        return switch (kind) {
            case 0 -> quoted(unicode(random.nextInt(10) == 0 ? 200 + random.nextInt(600) : random.nextInt(12)));
            case 1 -> number();
            case 2 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 3 -> quoted(validSymbol());
            case 4 -> "[" + nested(depth) + "]";
            case 5 -> "{" + (random.nextBoolean() ? "" : quoted(unknownName()) + ":" + nested(depth)) + "}";
            default -> random.nextBoolean() ? "[" + anyValue(depth + 1) + "," + anyValue(depth + 1) + "]" : anyValue(depth + 1);
        };
    }

    /** Arrays and objects nested {@code levels} deep around a scalar. */
    private String deep(int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            boolean array = random.nextBoolean();
            open.append(array ? "[" : "{\"k\":");
            close.insert(0, array ? ']' : '}');
        }
        return open + number() + close;
    }

    private String nested(int depth) {
        return random.nextInt(8) == 0 ? "" : anyValue(depth + 1);
    }

    private String unknownName() {
        return switch (random.nextInt(5)) {
            case 0 -> "Symbol";
            case 1 -> List.of("adjClose", "currency", "exchange", "time", "closes").get(random.nextInt(5));
            case 2 -> "";
            case 3 -> "x".repeat(100 + random.nextInt(2000));
            default -> unicode(1 + random.nextInt(10));
        };
    }

    /** Text from every plane that matters: ASCII, controls, Latin-1, BMP, surrogate pairs, lone surrogates. */
    private String unicode(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            switch (random.nextInt(7)) {
                case 0 -> b.append((char) (0x20 + random.nextInt(0x5F)));
                case 1 -> b.append((char) random.nextInt(0x20));
                case 2 -> b.append((char) (0xA0 + random.nextInt(0x60)));
                case 3 -> b.append((char) (0x100 + random.nextInt(0xD700)));
                case 4 -> b.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 5 -> b.append((char) (0xD800 + random.nextInt(0x800)));
                default -> b.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
            }
        }
        return b.toString();
    }

    /** A JSON string for {@code text}: escaped as JSON requires, some other characters escaped as {@code \\uXXXX}. */
    private String quoted(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            boolean mustEscape = cp == '"' || cp == '\\' || cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF);
            int shortForm = ESCAPABLE.indexOf(cp);
            if (cp < 0x20 && random.nextInt(60) == 0) {
                b.appendCodePoint(cp); // a raw control character: malformed
            } else if (shortForm >= 0 && (mustEscape || random.nextInt(4) == 0) && random.nextBoolean()) {
                b.append('\\').append(ESCAPES.charAt(shortForm));
            } else if (mustEscape || random.nextInt(30) == 0) {
                for (char c : Character.toChars(cp)) {
                    b.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                }
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }

    private String whitespace() {
        if (random.nextInt(3) != 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(40) == 0 ? "\u00a0\u000b\f".charAt(random.nextInt(3)) : " \n\t\r".charAt(random.nextInt(4)));
        }
        return b.toString();
    }

    private byte[] encode(String json) {
        int r = random.nextInt(100);
        Charset charset = r < 2 ? StandardCharsets.UTF_16 : r < 4 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        String text = r == 4 ? "\uFEFF" + json : json;
        return text.getBytes(charset);
    }
}
