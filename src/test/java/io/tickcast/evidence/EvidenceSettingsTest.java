package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class EvidenceSettingsTest {

    private static final List<Double> BETS = EvidenceSettings.DEFAULT_BETS;

    @Test
    void hasTheDocumentedDefaults() {
        EvidenceSettings s = EvidenceSettings.DEFAULT;
        assertThat(s.alpha()).isEqualTo(0.05);
        assertThat(s.margin()).isEqualTo(0.0);
        assertThat(s.lossBound()).isEqualTo(4.0);
        assertThat(s.bets()).containsExactly(0.025, 0.05, 0.1, 0.2, 0.4, 0.8);
        assertThat(s.threshold()).isEqualTo(20.0);
    }

    @Test
    void rejectsEachFieldOutsideItsRangeNamingFieldValueAndRange() {
        assertThatThrownBy(() -> new EvidenceSettings(0, 0, 4, BETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> new EvidenceSettings(1, 0, 4, BETS)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new EvidenceSettings(Double.NaN, 0, 4, BETS)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, -0.01, 4, BETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("margin must be in [0, 0.5), got -0.01");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0.5, 4, BETS)).hasMessageContaining("margin");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0, 0, BETS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lossBound must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0, Double.POSITIVE_INFINITY, BETS))
                .hasMessageContaining("lossBound");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0, 4, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bets must be a non-empty");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0, 4, Arrays.asList(0.1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bets");
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0, 4, List.of(0.1, 0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0.0");
    }

    @Test
    void betsMustKeepEveryFactorPositiveUnderTheMargin() {
        // margin 0.25: bets must stay below 1 / 1.25 = 0.8, so the default grid's 0.8 is refused
        assertThatThrownBy(() -> new EvidenceSettings(0.05, 0.25, 4, BETS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 0.8)").hasMessageContaining("got 0.8");
        assertThat(new EvidenceSettings(0.05, 0.25, 4, List.of(0.1, 0.79)).bets()).containsExactly(0.1, 0.79);
    }

    @Test
    void keepsItsOwnCopyOfTheBets() {
        List<Double> bets = new ArrayList<>(List.of(0.1, 0.2));
        EvidenceSettings s = new EvidenceSettings(0.05, 0, 4, bets);
        bets.set(0, 5.0);
        assertThat(s.bets()).containsExactly(0.1, 0.2);
        assertThat(s).isEqualTo(new EvidenceSettings(0.05, 0, 4, List.of(0.1, 0.2)));
    }
}
