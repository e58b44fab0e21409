package io.tickcast.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class JsonLinesTickReaderTest {

    private static List<Tick> read(String text) {
        return JsonLinesTickReader.read(text.getBytes(StandardCharsets.UTF_8), "ticks.jsonl");
    }

    @Test
    void readsOneTickPerLineSkippingBlankLinesAndAByteOrderMark() {
        List<Tick> ticks = read("\uFEFF{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1628.75}\r\n"
                + "\n   \n"
                + "{\"symbol\":\"BRK.B\",\"date\":\"1991-07-02\",\"close\":228.5,\"volume\":10}");
        assertThat(ticks).containsExactly(Tick.of("DAX", LocalDate.of(1991, 7, 1), 1628.75),
                new Tick("BRK.B", LocalDate.of(1991, 7, 2), 228.5, null, null, null, 10L));
    }

    @Test
    void aBadLineIsNamedByItsNumberAndTheStreamsReasonAndNoTickIsReturned() {
        // line 3 breaks a rule the CSV reader does not check (a space in the symbol): the stream's rules apply
        assertThatThrownBy(() -> read("{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1}\n\n"
                + "{\"symbol\":\"A B\",\"date\":\"1991-07-01\",\"close\":1}\n"))
                .isInstanceOf(JsonLinesFormatException.class)
                .hasMessageStartingWith("ticks.jsonl:3: bad-symbol: symbol ")
                .satisfies(e -> assertThat(((JsonLinesFormatException) e).badLines()).isEqualTo(1));
    }

    @Test
    void everyKindOfBadLineGetsTheReasonADeadLetterWouldCarry() {
        String input = String.join("\n",
                "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":-1}",
                "{\"symbol\":\"DAX\",\"date\":\"01.07.1991\",\"close\":1}",
                "symbol,date,close",
                "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1} {}",
                "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1,\"colour\":\"red\"}",
                "{\"date\":\"1991-07-01\",\"close\":1}",
                "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":1}");
        assertThatThrownBy(() -> read(input))
                .isInstanceOf(JsonLinesFormatException.class)
                .hasMessageContainingAll("ticks.jsonl:1: bad-close: ", "ticks.jsonl:2: bad-date: ",
                        "ticks.jsonl:3: malformed-json: ", "ticks.jsonl:4: malformed-json: ", "ticks.jsonl:5: unknown-field: ",
                        "(1 more bad lines, 6 in all)")
                .hasMessageNotContaining("ticks.jsonl:6")   // five are named
                .hasMessageNotContaining("ticks.jsonl:7");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedAsTheStreamSaysSo() {
        byte[] latin1 = "{\"symbol\":\"M\u00dcN\",\"date\":\"1991-07-01\",\"close\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> JsonLinesTickReader.read(latin1, "standard input"))
                .hasMessage("standard input:1: malformed-json: not UTF-8");
    }

    @Test
    void emptyInputHasNoTicks() {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
    }
}
