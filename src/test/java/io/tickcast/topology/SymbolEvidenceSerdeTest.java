package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.SplittableRandom;

import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.SymbolEvidence;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SymbolEvidenceSerdeTest {

    @Test
    void everyStateOnTheWayReadsBackEqual() {
        SplittableRandom random = new SplittableRandom(3);
        SymbolEvidence state = SymbolEvidence.fresh();
        LocalDate day = LocalDate.of(2020, 1, 1);
        int decisions = 0;
        for (int t = 0; t < 3000; t++) {
            // an edge for a while, then none: promotions and demotions on the way
            double x = Math.max(-1, Math.min(1, (t < 1500 ? 0.05 : -0.05) + 0.3 * (random.nextDouble() - 0.5)));
            SymbolEvidence.Step step = state.afterScore(day.plusDays(t), x, EvidenceSettings.DEFAULT);
            decisions += step.decision() == SymbolEvidence.Decision.NONE ? 0 : 1;
            state = step.next();
            byte[] bytes = SymbolEvidenceSerde.write(state);
            assertThat(SymbolEvidenceSerde.read(bytes)).isEqualTo(state);
            assertThat(bytes.length).as("216 bytes with the default six bets").isEqualTo(216);
        }
        assertThat(decisions).as("the states covered promotion and demotion").isGreaterThanOrEqualTo(2);
        assertThat(SymbolEvidenceSerde.read(SymbolEvidenceSerde.write(SymbolEvidence.fresh())))
                .isEqualTo(SymbolEvidence.fresh());
    }

    @Test
    void aValueOfAnotherFormatIsRefusedNotMisread() {
        byte[] bytes = SymbolEvidenceSerde.write(SymbolEvidence.fresh());
        bytes[0] = 9;
        assertThatThrownBy(() -> SymbolEvidenceSerde.read(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 9");
        assertThatThrownBy(() -> SymbolEvidenceSerde.read(new byte[] {1, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unreadable");
    }
}
