package io.tickcast.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tick rules of docs/topics-and-records.md, "Tick validity", one example each; {@link TickParserFuzzTest} covers the space. */
class TickParserTest {

    private static final String DATE_AND_CLOSE = "\"date\":\"2020-01-02\",\"close\":1.5";

    private static ParsedTick parse(String json) {
        return TickParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String tick(String symbol, String more) {
        return "{\"symbol\":\"" + symbol + "\"," + DATE_AND_CLOSE + more + "}";
    }

    private static RejectReason reasonFor(String json) {
        ParsedTick p = parse(json);
        assertThat(p.isValid()).as("rejected: %s", json).isFalse();
        return p.reason();
    }

    @Test
    void aFullTickIsReadFieldByField() {
        ParsedTick p = parse("{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1628.75,\"open\":1620,\"high\":1630.5,"
                + "\"low\":1619.25,\"volume\":0}\n");
        assertThat(p.isValid()).isTrue();
        assertThat(p.tick()).isEqualTo(new Tick("DAX", LocalDate.of(1991, 7, 1), 1628.75, 1620.0, 1630.5, 1619.25, 0L));
    }

    @Test
    void whatTickcastPublishesIsAValidTick() throws Exception {
        // TickPublisher (tickcast produce) writes ticks with Json.MAPPER: they must pass the strict rules
        Tick full = new Tick("BRK.B", LocalDate.of(2020, 1, 2), 1.5, 1.25, 1.75, 1.0, 1200L);
        for (Tick t : new Tick[] {full, Tick.of("^GSPC", LocalDate.of(1999, 12, 31), 1469.25)}) {
            assertThat(TickParser.parse(Json.MAPPER.writeValueAsBytes(t)).tick()).isEqualTo(t);
        }
    }

    @Test
    void nullOptionalFieldsAreAbsent() {
        ParsedTick p = parse(tick("DAX", ",\"open\":null,\"high\":null,\"low\":null,\"volume\":null"));
        assertThat(p.tick()).isEqualTo(Tick.of("DAX", LocalDate.of(2020, 1, 2), 1.5));
    }

    // issue 11: three bad ticks that used to be accepted

    @Test
    void trailingContentAfterTheObjectIsMalformed() {
        ParsedTick p = parse("{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":1.0}xyz");
        assertThat(p.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(p.detail()).contains("xyz");
        assertThat(reasonFor(tick("X", "") + "{}")).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(reasonFor(tick("X", "") + " ]")).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(reasonFor(tick("X", "") + "\u0000")).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(parse(tick("X", "") + " \r\n\t").isValid()).as("trailing whitespace is fine").isTrue();
    }

    @Test
    void aTenThousandCharacterSymbolIsNeverAStoreKey() {
        assertThat(reasonFor(tick("S".repeat(10_000), ""))).isEqualTo(RejectReason.TOO_LARGE);
        ParsedTick p = parse(tick("S".repeat(4000), ""));   // within the byte limit: too long a symbol
        assertThat(p.reason()).isEqualTo(RejectReason.BAD_SYMBOL);
        assertThat(p.detail()).contains("4000 characters").hasSizeLessThan(200);
    }

    @Test
    void aValueOverTheByteLimitIsTooLargeWithoutBeingParsed() {
        String padded = "{\"symbol\":\"X\",\"pad\":\"" + "p".repeat(900 * 1024) + "\"}";
        ParsedTick p = parse(padded);
        assertThat(p.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(p.detail()).contains(Integer.toString(padded.length())).contains("4096");
        // not parsed: even bytes that are not JSON at all are only too large
        assertThat(TickParser.parse(new byte[TickLimits.MAX_BYTES + 1]).reason()).isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void theByteLimitIsInclusive() {
        String valid = tick("DAX", "");
        String atLimit = valid + " ".repeat(TickLimits.MAX_BYTES - valid.length());
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        assertThat(parse(atLimit).isValid()).isTrue();
        assertThat(reasonFor(atLimit + " ")).isEqualTo(RejectReason.TOO_LARGE);
    }

    // symbols

    @ParameterizedTest
    @ValueSource(strings = {"BRK.B", "RDS-A", "^GSPC", "7203.T", "EURUSD=X", "BTC-USD", "DAX", "ES=F", "NASDAQ:AAPL",
            "M&M.NS", "BF_B", "x", "abcdefghijklmnopqrstuvwxyz012345"})
    void realTickersAreSymbols(String symbol) {
        ParsedTick p = parse(tick(symbol, ""));
        assertThat(p.isValid()).as(p.detail()).isTrue();
        assertThat(p.tick().symbol()).isEqualTo(symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BRK B", " DAX", "DAX ", "EUR/USD", "D\u00c4X", "\uff24AX", "A\\tB", "X\\u0000", "\uD83D\uDCC8",
            "A,B", "A;B", "abcdefghijklmnopqrstuvwxyz0123456"})
    void otherCharactersAndLongerSymbolsAreBadSymbols(String symbol) {
        assertThat(reasonFor(tick(symbol, ""))).isEqualTo(RejectReason.BAD_SYMBOL);
    }

    @Test
    void aSymbolThatIsNoStringIsBadAndAnAbsentOrBlankOneIsMissing() {
        assertThat(reasonFor("{\"symbol\":123," + DATE_AND_CLOSE + "}")).isEqualTo(RejectReason.BAD_SYMBOL);
        assertThat(reasonFor("{\"symbol\":[\"DAX\"]," + DATE_AND_CLOSE + "}")).isEqualTo(RejectReason.BAD_SYMBOL);
        assertThat(reasonFor("{" + DATE_AND_CLOSE + "}")).isEqualTo(RejectReason.MISSING_SYMBOL);
        assertThat(reasonFor("{\"symbol\":null," + DATE_AND_CLOSE + "}")).isEqualTo(RejectReason.MISSING_SYMBOL);
        assertThat(reasonFor(tick("", ""))).isEqualTo(RejectReason.MISSING_SYMBOL);
        assertThat(reasonFor(tick(" \\t ", ""))).isEqualTo(RejectReason.MISSING_SYMBOL);
    }

    // unknown fields

    @Test
    void anUnknownFieldIsRejectedByName() {
        ParsedTick p = parse(tick("DAX", ",\"adjClose\":1.4"));
        assertThat(p.reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(p.detail()).contains("'adjClose'").contains("symbol, date, close, open, high, low, volume");
        assertThat(parse(tick("DAX", ",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7")).detail())
                .contains("'a', 'b', 'c', 'd', 'e' and 2 more");
    }

    @Test
    void fieldNamesAreCaseSensitiveAndUnknownFieldsComeFirst() {
        ParsedTick p = parse("{\"Symbol\":\"DAX\"," + DATE_AND_CLOSE + "}");
        assertThat(p.reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(p.detail()).contains("'Symbol'");
        assertThat(reasonFor("{\"symbol\":\"BRK B\",\"x\":{\"nested\":[1]},\"date\":\"bad\"}")).isEqualTo(RejectReason.UNKNOWN_FIELD);
    }

    @Test
    void anUnknownFieldNameInTheDetailIsShortAndPrintable() {
        ParsedTick p = parse(tick("DAX", ",\"" + "n".repeat(2000) + "\":1,\"a\\nb\\u0000\":2"));
        assertThat(p.detail()).contains("(2000 characters)").contains("'a\\u000Ab\\u0000'").hasSizeLessThan(200);
    }

    // JSON strictness

    @Test
    void aDuplicateFieldIsMalformed() {
        ParsedTick p = parse("{\"symbol\":\"A\",\"symbol\":\"B\"," + DATE_AND_CLOSE + "}");
        assertThat(p.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(p.detail()).contains("Duplicate field 'symbol'");
    }

    @Test
    void onlyUtf8IsRead() {
        String tick = tick("DAX", "");
        assertThat(TickParser.parse(tick.getBytes(StandardCharsets.UTF_16)).detail()).isEqualTo("not UTF-8");
        assertThat(TickParser.parse(tick.getBytes(StandardCharsets.UTF_16LE)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(reasonFor("\uFEFF" + tick)).as("byte order mark").isEqualTo(RejectReason.MALFORMED_JSON);
        byte[] overlong = tick.getBytes(StandardCharsets.UTF_8);
        byte[] withOverlongSlash = new byte[overlong.length + 2];
        System.arraycopy(overlong, 0, withOverlongSlash, 0, overlong.length);
        withOverlongSlash[overlong.length] = (byte) 0xC0;
        withOverlongSlash[overlong.length + 1] = (byte) 0xAF;
        assertThat(TickParser.parse(withOverlongSlash).detail()).isEqualTo("not UTF-8");
    }

    @Test
    void nestingAndNumberLengthAreBounded() {
        String fifteen = "[".repeat(15) + "]".repeat(15);
        assertThat(reasonFor(tick("DAX", ",\"x\":" + fifteen))).as("depth 16").isEqualTo(RejectReason.UNKNOWN_FIELD);
        ParsedTick deep = parse(tick("DAX", ",\"x\":[" + fifteen + "]"));
        assertThat(deep.reason()).as("depth 17").isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(deep.detail()).contains("nesting depth");
        String hundredDigits = "1" + "0".repeat(49) + "." + "0".repeat(48) + "e-40";   // 50 + 48 + 2 digits
        assertThat(parse("{\"symbol\":\"A\",\"date\":\"2020-01-02\",\"close\":" + hundredDigits + "}").tick().close()).isEqualTo(1e9);
        assertThat(reasonFor("{\"symbol\":\"A\",\"date\":\"2020-01-02\",\"close\":" + hundredDigits.replace("e-40", "e-400") + "}"))
                .isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void nonStandardJsonIsMalformed() {
        for (String json : new String[] {"", "   ", "[]", "\"DAX\"", "null", "{'symbol':'X'}", "{symbol:\"X\"}",
            "{\"symbol\":\"X\",}", "{\"symbol\":\"X\" /* c */}", "{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":NaN}",
            "{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":+1}", "{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":01}",
            "{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":.5}", "{\"symbol\":\"X\u0001\"}"}) {
            assertThat(reasonFor(json)).as(json).isEqualTo(RejectReason.MALFORMED_JSON);
        }
    }

    // dates and prices

    @Test
    void aDateIsExactlyYyyyMmDdAndARealDay() {
        assertThat(parse("{\"symbol\":\"A\",\"date\":\"2020-02-29\",\"close\":1}").tick().date()).isEqualTo(LocalDate.of(2020, 2, 29));
        for (String date : new String[] {"2019-02-29", "2020-13-01", "2020-1-2", "+12020-01-01", "20200102", "2020-01-02T00:00",
            "\uff12\uff10\uff12\uff10-01-02", " 2020-01-02"}) {
            assertThat(reasonFor("{\"symbol\":\"A\",\"date\":\"" + date + "\",\"close\":1}")).as(date).isEqualTo(RejectReason.BAD_DATE);
        }
        assertThat(reasonFor("{\"symbol\":\"A\",\"date\":20200102,\"close\":1}")).isEqualTo(RejectReason.BAD_DATE);
    }

    @Test
    void closeIsAFiniteNumberAboveZero() {
        for (String close : new String[] {"0", "-0", "-1.5", "1e400", "1e-400", "\"1.5\"", "null", "true"}) {
            assertThat(reasonFor("{\"symbol\":\"A\",\"date\":\"2020-01-02\",\"close\":" + close + "}")).as(close)
                    .isEqualTo(RejectReason.BAD_CLOSE);
        }
        assertThat(reasonFor("{\"symbol\":\"A\",\"date\":\"2020-01-02\"}")).isEqualTo(RejectReason.BAD_CLOSE);
    }

    @Test
    void optionalPricesOfTheWrongTypeOrValueAreRejectedNotDropped() {
        assertThat(reasonFor(tick("A", ",\"open\":\"abc\""))).isEqualTo(RejectReason.BAD_OPEN);
        assertThat(reasonFor(tick("A", ",\"open\":-3"))).isEqualTo(RejectReason.BAD_OPEN);
        assertThat(reasonFor(tick("A", ",\"high\":1e400"))).isEqualTo(RejectReason.BAD_HIGH);
        assertThat(reasonFor(tick("A", ",\"high\":[1]"))).isEqualTo(RejectReason.BAD_HIGH);
        assertThat(reasonFor(tick("A", ",\"low\":0"))).isEqualTo(RejectReason.BAD_LOW);
        assertThat(parse(tick("A", ",\"low\":\"1\"")).detail()).isEqualTo("low must be a finite number > 0, was \"1\"");
    }

    @Test
    void volumeIsAWholeNumberFromZero() {
        assertThat(parse(tick("A", ",\"volume\":9223372036854775807")).tick().volume()).isEqualTo(Long.MAX_VALUE);
        for (String volume : new String[] {"1.5", "1.0", "1e3", "-1", "9223372036854775808", "\"100\"", "true"}) {
            assertThat(reasonFor(tick("A", ",\"volume\":" + volume))).as(volume).isEqualTo(RejectReason.BAD_VOLUME);
        }
    }

    @Test
    void theFirstBrokenRuleNamesTheReason() {
        assertThat(reasonFor("{\"symbol\":\"A B\",\"date\":\"x\",\"close\":-1}")).isEqualTo(RejectReason.BAD_SYMBOL);
        assertThat(reasonFor("{\"symbol\":\"A\",\"date\":\"x\",\"close\":-1}")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reasonFor("{\"symbol\":\"A\",\"date\":\"2020-01-02\",\"close\":-1,\"open\":-1}")).isEqualTo(RejectReason.BAD_CLOSE);
        assertThat(reasonFor(tick("A", ",\"volume\":-1,\"low\":-1,\"high\":-1"))).isEqualTo(RejectReason.BAD_HIGH);
    }
}
