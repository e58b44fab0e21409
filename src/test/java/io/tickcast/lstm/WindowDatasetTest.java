package io.tickcast.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import io.tickcast.records.PriceSeries;
import org.junit.jupiter.api.Test;

class WindowDatasetTest {

    private static PriceSeries series(String symbol, LocalDate first, int days) {
        LocalDate[] dates = new LocalDate[days];
        double[] closes = new double[days];
        for (int i = 0; i < days; i++) {
            dates[i] = first.plusDays(i);
            closes[i] = 100 + i;
        }
        return new PriceSeries(symbol, dates, closes);
    }

    @Test
    void theTailIsCutAtOneDateForAllSymbolsWhateverTheirLengths() {
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        // a long history, a short one that starts late, and one that ended long ago
        List<PriceSeries> series = List.of(series("LONG", d0, 400), series("LATE", d0.plusDays(300), 100),
                series("GONE", d0, 150));
        WindowDataset ds = WindowDataset.ofSeries(series, 5, Scaling.perWindow());
        LocalDate cutoff = ds.tailCutoff(0.2);
        WindowDataset[] split = ds.splitTail(0.2);
        assertThat(split[0].size() + split[1].size()).isEqualTo(ds.size());
        assertThat(split[1].size()).isBetween((int) (0.18 * ds.size()), (int) (0.22 * ds.size()));
        // every head target is on or before the cutoff, every tail target after it: no look-ahead across symbols
        long[] head = split[0].targetDays();
        long[] tail = split[1].targetDays();
        assertThat(java.util.Arrays.stream(head).max().getAsLong()).isLessThanOrEqualTo(cutoff.toEpochDay());
        assertThat(java.util.Arrays.stream(tail).min().getAsLong()).isGreaterThan(cutoff.toEpochDay());
        // cut by count per series instead, GONE's tail (days 116..149) would lie before LONG's training days
        assertThat(cutoff).isAfter(d0.plusDays(149));
    }

    @Test
    void undatedSeriesAreAlignedAtTheirEnds() {
        WindowDataset ds = WindowDataset.of(List.of(new double[50], new double[20]), 5);
        long[] days = ds.targetDays();
        assertThat(days).hasSize(45 + 15);
        assertThat(days[44]).isEqualTo(days[59]).isEqualTo(PriceSeries.UNDATED_END.toEpochDay());
    }
}
