package io.tickcast.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Property test of {@link TickParser} against {@link TickOracle}, an independent statement of the documented
 * rules: on tens of thousands of generated inputs ({@link TickInputs}, seeded, so every run is the same) the
 * parser never throws, gives exactly the oracle's reason, and for a valid tick exactly the oracle's tick.
 */
class TickParserFuzzTest {

    private static final long SEED = 20_260_111L;
    private static final int INPUTS = 25_000;

    @Test
    void theParserAgreesWithTheOracleOnEveryGeneratedInput() {
        TickInputs inputs = new TickInputs(SEED);
        Map<RejectReason, Integer> seen = new EnumMap<>(RejectReason.class);
        int valid = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = inputs.next();
            TickOracle.Verdict expected = TickOracle.judge(input);
            ParsedTick actual;
            try {
                actual = TickParser.parse(input);
            } catch (RuntimeException e) {
                disagreements.add("#" + i + " threw " + e + " on " + show(input));
                continue;
            }
            if (actual.reason() != expected.reason() || !java.util.Objects.equals(actual.tick(), expected.tick())) {
                disagreements.add("#" + i + " parser " + (actual.isValid() ? actual.tick() : actual.reason() + " (" + actual.detail() + ")")
                        + ", oracle " + (expected.reason() == null ? expected.tick() : expected.reason()) + " on " + show(input));
            }
            if (!actual.isValid()) {
                assertThat(actual.detail()).as("detail of #%d", i).isNotBlank();
            }
            if (expected.reason() == null) {
                valid++;
            } else {
                seen.merge(expected.reason(), 1, Integer::sum);
            }
        }
        assertThat(disagreements).as("inputs where parser and oracle disagree (%d)", disagreements.size())
                .isEmpty();
        // the generator reaches every rule, and valid ticks are not rare
        assertThat(valid).as("valid inputs").isGreaterThan(INPUTS / 5);
        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.OUT_OF_ORDER && reason != RejectReason.PROCESSING_ERROR) { // not the parser's
                assertThat(seen.getOrDefault(reason, 0)).as("inputs rejected as %s", reason.code()).isGreaterThanOrEqualTo(30);
            }
        }
    }

    @Test
    void theOracleItselfKnowsTheIssuesExamples() {
        // a check of the checker: the three ticks of issue 11 and a valid one
        assertThat(TickOracle.judge(utf8("{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":1.0}xyz")).reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(TickOracle.judge(utf8("{\"symbol\":\"" + "S".repeat(3000) + "\",\"date\":\"2020-01-02\",\"close\":1}")).reason())
                .isEqualTo(RejectReason.BAD_SYMBOL);
        assertThat(TickOracle.judge(utf8("{\"symbol\":\"X\",\"pad\":\"" + "p".repeat(900_000) + "\"}")).reason())
                .isEqualTo(RejectReason.TOO_LARGE);
        assertThat(TickOracle.judge(utf8("{\"symbol\":\"X\",\"date\":\"2020-01-02\",\"close\":1.5,\"volume\":7}")).tick())
                .isEqualTo(new Tick("X", java.time.LocalDate.of(2020, 1, 2), 1.5, null, null, null, 7L));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The input for a failure message: printable, at most 300 characters. */
    private static String show(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(300).forEach(cp -> b.append(cp < 0x20 || cp == 0x7F ? String.format("\\x%02x", cp) : Character.toString(cp)));
        return input.length + " bytes: " + b + (text.length() > 300 ? "..." : "");
    }
}
