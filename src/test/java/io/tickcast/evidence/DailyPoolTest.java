package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DailyPoolTest {

    private static final LocalDate D = LocalDate.of(2024, 3, 1);

    @Test
    void aDateIsClosedByALaterOneIntoTheMeanOfItsScores() {
        DailyPool pool = new DailyPool();
        pool.add(D, 0.5);
        pool.add(D, -0.1);
        assertThat(pool.closeAllButNewest()).as("nothing later yet").isEmpty();
        pool.add(D.plusDays(1), 1.0);
        pool.add(D, 0.2); // still open: joins the mean
        assertThat(pool.closeAllButNewest()).singleElement().satisfies(s -> {
            assertThat(s.target()).isEqualTo(D);
            assertThat(s.x()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        });
    }

    @Test
    void aScoreForAClosedDateIsDroppedNotCountedTwice() {
        DailyPool pool = new DailyPool();
        pool.add(D, 0.5);
        pool.add(D.plusDays(2), 0.5);
        pool.closeAllButNewest();
        assertThat(pool.add(D, -1)).isFalse();
        assertThat(pool.add(D.plusDays(1), -1)).as("before the newest closed date? no: after it").isTrue();
        pool.add(D.plusDays(3), 0);
        assertThat(pool.closeAllButNewest()).extracting(SymbolEvidence.DatedScore::target)
                .containsExactly(D.plusDays(1), D.plusDays(2));
        pool.clear();
        assertThat(pool.add(D, 0)).as("a cleared pool takes any date").isTrue();
    }
}
