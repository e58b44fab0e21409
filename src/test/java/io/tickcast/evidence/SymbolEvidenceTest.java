package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tickcast.evidence.SymbolEvidence.DatedScore;
import io.tickcast.evidence.SymbolEvidence.Decision;
import io.tickcast.evidence.SymbolEvidence.Serving;
import io.tickcast.evidence.SymbolEvidence.Step;
import org.junit.jupiter.api.Test;

class SymbolEvidenceTest {

    private static final EvidenceSettings S = EvidenceSettings.DEFAULT;
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    @Test
    void startsServingNaiveWithNoEvidence() {
        SymbolEvidence fresh = SymbolEvidence.fresh();
        assertThat(fresh.serving()).isEqualTo(Serving.NAIVE);
        assertThat(fresh.evidence()).isEqualTo(1.0);
        assertThat(fresh.scored()).isZero();
        assertThat(fresh.lastCounted()).isNull();
    }

    @Test
    void aRepeatedOrOlderDateIsNotCountedAgain() {
        SymbolEvidence once = SymbolEvidence.fresh().afterScore(DAY, 0.5, S).next();
        for (LocalDate again : List.of(DAY, DAY.minusDays(1), DAY.minusYears(3))) {
            Step step = once.afterScore(again, 0.9, S);
            assertThat(step.next()).isSameAs(once);
            assertThat(step.decision()).isEqualTo(Decision.NONE);
        }
        assertThat(once.scored()).isEqualTo(1);
        assertThat(once.lastCounted()).isEqualTo(DAY);
        assertThat(once.afterScore(DAY.plusDays(1), 0.5, S).next().scored()).isEqualTo(2);
    }

    @Test
    void promotesOnEvidenceThenDemotesOnNewEvidenceRestartingTheOtherTest() {
        SymbolEvidence state = SymbolEvidence.fresh();
        // x = 1 every day: the 0.8 bet alone grows 1.8^t / 7, past 20 on the 9th day
        int day = 0;
        Step step;
        do {
            step = state.afterScore(DAY.plusDays(++day), 1, S);
            state = step.next();
        } while (step.decision() == Decision.NONE && day < 100);
        assertThat(step.decision()).isEqualTo(Decision.PROMOTED);
        assertThat(day).isLessThanOrEqualTo(9);
        assertThat(state.serving()).isEqualTo(Serving.LSTM);
        assertThat(state.promotions()).isEqualTo(1);
        assertThat(state.forDemotion().observations()).isZero();
        assertThat(state.evidence()).isEqualTo(1.0);
        assertThat(state.forPromotion().eValue()).isGreaterThanOrEqualTo(S.threshold());

        int promotedOn = day;
        do {
            step = state.afterScore(DAY.plusDays(++day), -1, S);
            state = step.next();
        } while (step.decision() == Decision.NONE && day < 200);
        assertThat(step.decision()).isEqualTo(Decision.DEMOTED);
        assertThat(day - promotedOn).isLessThanOrEqualTo(9);
        assertThat(state.serving()).isEqualTo(Serving.NAIVE);
        assertThat(state.demotions()).isEqualTo(1);
        assertThat(state.forPromotion().observations()).isZero();
        assertThat(state.scored()).isEqualTo(day);
    }

    @Test
    void promotionEvidenceDecidesNothingWhileTheLstmServes() {
        SymbolEvidence fresh = SymbolEvidence.fresh();
        SymbolEvidence serving = new SymbolEvidence(Serving.LSTM, fresh.forPromotion(), fresh.forDemotion(), 0, null,
                1, 0);
        for (int t = 0; t < 50; t++) {
            Step step = serving.afterScore(DAY.plusDays(t), 1, S);
            assertThat(step.decision()).isEqualTo(Decision.NONE);
            serving = step.next();
        }
        assertThat(serving.forPromotion().eValue()).isGreaterThan(1e6);
        assertThat(serving.evidence()).isLessThan(1.0);
    }

    @Test
    void warmStartSkipsTheDatesLiveScoresAlreadyCounted() {
        SymbolEvidence live = SymbolEvidence.fresh();
        for (int t = 10; t <= 20; t++) {
            live = live.afterScore(DAY.plusDays(t), 0.05, S).next();
        }
        List<DatedScore> validation = new ArrayList<>();
        for (int t = 1; t <= 25; t++) {
            validation.add(new DatedScore(DAY.plusDays(t), t % 2 == 0 ? 0.3 : -0.2));
        }
        Collections.shuffle(validation, new Random(1));
        SymbolEvidence warm = live.warmStart(validation, S);
        SymbolEvidence byHand = live;
        for (int t = 21; t <= 25; t++) {
            byHand = byHand.afterScore(DAY.plusDays(t), t % 2 == 0 ? 0.3 : -0.2, S).next();
        }
        assertThat(warm).isEqualTo(byHand);
        assertThat(warm.scored()).isEqualTo(11 + 5);
        assertThat(warm.lastCounted()).isEqualTo(DAY.plusDays(25));
        assertThat(warm.warmStart(validation, S)).isEqualTo(warm);
    }

    @Test
    void warmStartCanPromote() {
        List<DatedScore> validation = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            validation.add(new DatedScore(DAY.plusDays(t), 0.9));
        }
        SymbolEvidence warm = SymbolEvidence.fresh().warmStart(validation, S);
        assertThat(warm.serving()).isEqualTo(Serving.LSTM);
        assertThat(warm.promotions()).isEqualTo(1);
    }

    @Test
    void rejectsMixedUpTests() {
        SymbolEvidence f = SymbolEvidence.fresh();
        assertThatThrownBy(() -> new SymbolEvidence(Serving.NAIVE, f.forDemotion(), f.forPromotion(), 0, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forPromotion must bet");
    }

    @Test
    void survivesAJsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SymbolEvidence state = SymbolEvidence.fresh();
        Market market = new Market(3, 0.3, Market.Noise.GAUSSIAN, Market.Challenger.ar(0.3));
        for (int t = 0; t < 600; t++) {
            state = state.afterScore(DAY.plusDays(t), market.nextScore(S.lossBound()), S).next();
        }
        for (SymbolEvidence s : List.of(SymbolEvidence.fresh(), state)) {
            String text = json.writeValueAsString(s);
            assertThat(text).doesNotContain("eValue").doesNotContain("evidence\"");
            SymbolEvidence back = json.readValue(text, SymbolEvidence.class);
            assertThat(back).isEqualTo(s);
            assertThat(back.evidence()).isEqualTo(s.evidence());
        }
        // compact, as arrays without field names: the store writes it on every tick
        assertThat(json.writeValueAsString(state)).startsWith("[\"LSTM\",").contains("\"" + DAY.plusDays(599) + "\"")
                .doesNotContain("lastCounted");
    }
}
