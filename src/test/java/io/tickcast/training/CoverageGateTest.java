package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.Evidence;
import io.tickcast.gate.ModelGate;
import io.tickcast.interval.CoverageCheck;
import org.junit.jupiter.api.Test;

/** A candidate that beats naive but whose intervals do not hold on validation data is not promoted. */
class CoverageGateTest {

    private static final Evidence PASSED = new Evidence(500, LocalDate.of(2020, 1, 1), 0.009, 0.01, Double.NaN,
            new DieboldMariano(500, 250, 5, -1e-5, -3, 0.001), null, 0.05, 0.01, true);

    @Test
    void aCoverageMissTurnsAPassIntoARejectionWithTheReason() {
        CoverageCheck missed = new CoverageCheck(250, 250, List.of(new CoverageCheck.Level(0.8, 0.6, 0.02, 1e-9),
                new CoverageCheck.Level(0.95, 0.9, 0.04, 0.003)), 0.05, 0.05, false);
        ModelGate.Verdict v = GatedTraining.withCoverage(new ModelGate.Verdict(true, "beats the naive forecast", PASSED),
                missed);
        assertThat(v.passed()).isFalse();
        assertThat(v.evidence().passed()).isFalse();
        assertThat(v.reason()).startsWith("its intervals do not hold: validation coverage 60.0% at 80%");
        assertThat(v.evidence().rmse()).as("the accuracy evidence is kept").isEqualTo(PASSED.rmse());
    }

    @Test
    void aCoverageThatHoldsLeavesTheVerdictAsItIs() {
        CoverageCheck held = new CoverageCheck(250, 250, List.of(new CoverageCheck.Level(0.8, 0.79, 0.02, 0.6)), 0.05,
                0.05, true);
        ModelGate.Verdict passed = new ModelGate.Verdict(true, "beats the naive forecast", PASSED);
        assertThat(GatedTraining.withCoverage(passed, held)).isSameAs(passed);
        ModelGate.Verdict failed = new ModelGate.Verdict(false, "no evidence", PASSED);
        assertThat(GatedTraining.withCoverage(failed, held)).isSameAs(failed);
    }
}
