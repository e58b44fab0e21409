package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import io.tickcast.records.Tick;
import org.junit.jupiter.api.Test;

class TickHistoryTest {

    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);

    @Test
    void keepsTheMostRecentDaysPerSymbolAndReplacesCorrections() {
        TickHistory h = new TickHistory(3, 100);
        for (int i = 0; i < 5; i++) {
            h.add(Tick.of("A", D0.plusDays(i), 10 + i));
        }
        h.add(Tick.of("A", D0.plusDays(4), 99));
        TickHistory.Snapshot s = h.snapshot();
        assertThat(closes(s, "A")).containsExactly(12, 13, 99);
        assertThat(s.ticks()).isEqualTo(3);
        assertThat(s.from()).isEqualTo(D0.plusDays(2));
        assertThat(s.to()).isEqualTo(D0.plusDays(4));
    }

    @Test
    void theTotalBoundTrimsTheLongestSeriesFirst() {
        TickHistory h = new TickHistory(100, 6);
        for (int i = 0; i < 5; i++) {
            h.add(Tick.of("LONG", D0.plusDays(i), 1 + i));
        }
        h.add(Tick.of("SHORT", D0, 1));
        h.add(Tick.of("SHORT", D0.plusDays(1), 2));
        assertThat(h.size()).isEqualTo(6);
        assertThat(closes(h.snapshot(), "LONG")).containsExactly(2, 3, 4, 5);
        assertThat(closes(h.snapshot(), "SHORT")).containsExactly(1, 2);
    }

    @Test
    void ticksArriveInAnyDateOrder() {
        TickHistory h = new TickHistory(10, 100);
        h.add(Tick.of("A", D0.plusDays(2), 3));
        h.add(Tick.of("A", D0, 1));
        h.add(Tick.of("A", D0.plusDays(1), 2));
        assertThat(closes(h.snapshot(), "A")).containsExactly(1, 2, 3);
    }

    @Test
    void theWindowBeforeANewDayIsTheMostRecentClosesAndNothingForACorrectionOrTooFewDays() {
        TickHistory h = new TickHistory(10, 100);
        for (int i = 0; i < 4; i++) {
            h.add(Tick.of("A", D0.plusDays(i), 10 + i));
        }
        assertThat(h.windowBefore(Tick.of("A", D0.plusDays(4), 50), 3)).containsExactly(11, 12, 13);
        assertThat(h.windowBefore(Tick.of("A", D0.plusDays(4), 50), 5)).as("too few days").isNull();
        assertThat(h.windowBefore(Tick.of("A", D0.plusDays(3), 50), 3)).as("a correction").isNull();
        assertThat(h.windowBefore(Tick.of("B", D0, 50), 1)).as("an unknown symbol").isNull();
        assertThat(h.snapshot().series().get(0).dates()).containsExactly(D0, D0.plusDays(1), D0.plusDays(2), D0.plusDays(3));
    }

    private static double[] closes(TickHistory.Snapshot s, String symbol) {
        return s.series().stream().filter(p -> p.symbol().equals(symbol)).findFirst().orElseThrow().closes();
    }
}
