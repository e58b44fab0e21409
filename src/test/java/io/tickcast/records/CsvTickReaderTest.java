package io.tickcast.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTickReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRequiredAndOptionalColumnsInAnyOrder() throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "date,close,symbol,volume,open\n2020-01-02,10.5,AAA,1200,10\n2020-01-03,11,AAA,,\n");
        List<Tick> ticks = CsvTickReader.read(f);
        assertThat(ticks).hasSize(2);
        assertThat(ticks.get(0)).isEqualTo(new Tick("AAA", LocalDate.of(2020, 1, 2), 10.5, 10.0, null, null, 1200L));
        assertThat(ticks.get(1).volume()).isNull();
    }

    @Test
    void badRowsNameTheFileAndLine() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "symbol,date,close\nAAA,2020-01-02,1\nAAA,2020-02-30,1\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(f + ":3: date is not yyyy-MM-dd");
        Files.writeString(f, "symbol,date,close\nAAA,2020-01-02,abc\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).hasMessageStartingWith(f + ":2: close is not a number");
        Files.writeString(f, "symbol,date,close\n\nAAA,2020-01-02,-1\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).hasMessageStartingWith(f + ":3: close must be a finite number > 0");
        Files.writeString(f, "symbol,date,close\n,2020-01-02,1\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).hasMessageStartingWith(f + ":2: symbol is blank");
        Files.writeString(f, "symbol,day,close\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).hasMessageContaining(":1: header lacks column 'date'");
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> CsvTickReader.read(dir.resolve("nope.csv"))).hasMessageContaining("nope.csv");
    }

    @Test
    void bundledSeriesGroupInDateOrder() throws Exception {
        List<Tick> all = CsvTickReader.read(new StringReader("symbol,date,close\nB,2020-01-03,3\nA,2020-01-02,2\nB,2020-01-01,1\n"), "x");
        assertThat(CsvTickReader.bySymbol(all).get("B")).extracting(Tick::close).containsExactly(1.0, 3.0);
        assertThat(CsvTickReader.inDateOrder(all)).extracting(Tick::close).containsExactly(1.0, 2.0, 3.0);
        assertThat(CsvTickReader.closeSeries(all)).hasSize(2);
        assertThat(CsvTickReader.bySymbol(CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS)))
                .containsOnlyKeys("DAX", "SMI", "CAC", "FTSE").allSatisfy((k, v) -> assertThat(v).hasSize(1860));
    }

    @Test
    void quotedFieldsAreUnquotedAsRfc4180Says() throws Exception {
        Path f = dir.resolve("quoted.csv");
        Files.writeString(f, "\uFEFF\"Symbol\",\"Date\",\"Close\",\"Note\"\r\n"
                + "\"DAX\",2020-01-02,\"1,628.75\",\"a, \"\"quoted\"\"\r\nnote\"\r\n"
                + "\r\n"
                + "BRK.B,\"2020-01-03\",228.5,\r\n");
        List<Tick> ticks = CsvTickReader.read(f);
        assertThat(ticks).extracting(Tick::symbol).containsExactly("DAX", "BRK.B");
        assertThat(ticks).extracting(Tick::close).containsExactly(1628.75, 228.5);
        assertThat(ticks.get(1).date()).isEqualTo(LocalDate.of(2020, 1, 3));
    }

    @Test
    void lineNumbersCountEveryLineOfTheFile() throws Exception {
        Path f = dir.resolve("lines.csv");
        // the quoted note spans lines 2-3 and line 4 is blank: the bad close is on line 5
        Files.writeString(f, "symbol,date,close,note\r\nA,2020-01-02,1,\"two\r\nlines\"\r\n\r\nA,2020-01-03,x,\r\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(f + ":5: close is not a number: 'x'");
    }

    @Test
    void numbersAreEitherPlainOrGroupedByThousands() throws Exception {
        Path f = dir.resolve("numbers.csv");
        Files.writeString(f, "symbol,date,close\nA,2020-01-02,\"1,234,567.5\"\n");
        assertThat(CsvTickReader.read(f).get(0).close()).isEqualTo(1_234_567.5);
        // a decimal comma, or groups that are not of three digits, are not guessed at
        for (String bad : List.of("1628,75", "1,62,875", "1.628,75")) {
            Files.writeString(f, "symbol,date,close\nA,2020-01-02,\"" + bad + "\"\n");
            assertThatThrownBy(() -> CsvTickReader.read(f)).hasMessage(f + ":2: close is not a number: '" + bad + "'");
        }
    }

    @Test
    void anUnterminatedQuoteNamesTheFileAndLine() throws Exception {
        Path f = dir.resolve("broken.csv");
        Files.writeString(f, "symbol,date,close\nA,2020-01-02,1\n\"B,2020-01-03,2\n");
        assertThatThrownBy(() -> CsvTickReader.read(f)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(f + ":3: not valid CSV");
    }
}
