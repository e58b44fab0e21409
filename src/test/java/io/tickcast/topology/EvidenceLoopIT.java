package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.tickcast.config.TickcastConfig;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * What per-symbol evidence must do over a whole replay with retraining on ({@link EvidenceLoop}: the topology the
 * service runs, retrained as the trainer retrains), on synthetic panels: random walks are (almost) never promoted,
 * autocorrelated symbols are, a pattern that appears after the first training is learnt by a retraining and
 * promoted, and one that disappears is demoted. Slow (many trainings), so an integration test ({@code mvn verify}).
 */
class EvidenceLoopIT {

    private static final double ALPHA = 0.05;

    private static TickcastConfig config() {
        return TickcastConfig.load(List.of(), Map.of(), Map.of());
    }

    @Test
    void randomWalksAreAlmostNeverPromotedAndNaiveIsServed() {
        int panels = 20;
        int symbols = 12;
        int promoted = 0;
        List<Double> ratios = new ArrayList<>();
        for (int p = 0; p < panels; p++) {
            SplittableRandom random = new SplittableRandom(1000 + p);
            Map<String, EvidenceLoop.Series> panel = new TreeMap<>();
            for (int s = 0; s < symbols; s++) {
                int start = random.nextInt(200);
                int length = 500 + random.nextInt(800 - 500 - start + 1);
                panel.put("W" + s, new EvidenceLoop.Series(start, SyntheticSeries.autocorrelated(length, d -> 0, random.split())));
            }
            EvidenceLoop.Result r = EvidenceLoop.run(panel, 300, 250, config());
            int panelPromoted = (int) r.symbols().values().stream().filter(EvidenceLoop.SymbolOutcome::everPromoted).count();
            promoted += panelPromoted;
            double ratio = r.servedRatio(List.copyOf(panel.keySet()));
            ratios.add(ratio);
            assertThat(r.published()).as("sane challengers published on panel " + p + ": " + r.log()).isPositive();
            assertThat(r.symbols().values().stream().filter(s -> s.challengerScored() > 0))
                    .as("symbols the challenger forecast on panel " + p + " (those alive after its first model)")
                    .hasSizeGreaterThanOrEqualTo(symbols / 2);
            if (panelPromoted == 0) {
                assertThat(ratio).as("panel " + p + ": nothing promoted, naive served").isEqualTo(1.0);
            }
        }
        double share = promoted / (double) (panels * symbols);
        System.out.printf("random walks: %d of %d symbols ever promoted (%.4f); served RMSE ratio per panel %s%n",
                promoted, panels * symbols, share, ratios);
        assertThat(share).as("share of random-walk symbols ever promoted").isLessThanOrEqualTo(ALPHA);
        assertThat(ratios).allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(1.005));
    }

    @Test
    void autocorrelatedSymbolsAreServedByTheLstmAndRandomWalksStayNaive() {
        SplittableRandom random = new SplittableRandom(77);
        double[] phis = {0.2, 0.25, 0.3, 0.35, 0.3, 0.35};
        Map<String, EvidenceLoop.Series> panel = new TreeMap<>();
        List<String> patterned = new ArrayList<>();
        List<String> walks = new ArrayList<>();
        for (int s = 0; s < phis.length; s++) {
            double phi = phis[s];
            panel.put("AR" + s, new EvidenceLoop.Series(0, SyntheticSeries.autocorrelated(1600, d -> phi, random.split())));
            patterned.add("AR" + s);
            panel.put("RW" + s, new EvidenceLoop.Series(random.nextInt(200), SyntheticSeries.autocorrelated(1400, d -> 0, random.split())));
            walks.add("RW" + s);
        }
        EvidenceLoop.Result r = EvidenceLoop.run(panel, 500, 250, config());
        Map<String, Integer> firstServed = new TreeMap<>();
        r.symbols().forEach((s, o) -> firstServed.put(s, o.firstServedDay()));
        System.out.println("mixed panel: first day served by the LSTM " + firstServed + "; AR served ratio "
                + r.servedRatio(patterned) + "; retrainings " + r.log());
        assertThat(patterned.stream().filter(s -> r.symbols().get(s).everPromoted()).count())
                .as("autocorrelated symbols promoted: " + firstServed).isGreaterThanOrEqualTo(4);
        assertThat(r.servedRatio(patterned)).as("served RMSE ratio on the autocorrelated symbols").isLessThan(0.99);
        assertThat(walks.stream().filter(s -> r.symbols().get(s).everPromoted()).count())
                .as("random walks promoted: " + firstServed).isLessThanOrEqualTo(1);
    }

    @Test
    void aPatternThatAppearsLaterIsLearntByARetrainingAndPromoted() {
        Map<String, EvidenceLoop.Series> panel = switchingPanel("LATE", 5, 2200, 700, 0, 0.35);
        EvidenceLoop.Result r = EvidenceLoop.run(panel, 400, 200, config());
        Map<String, String> what = describe(r);
        System.out.println("pattern appears at day 700: " + what + "; retrainings " + r.log());
        long learnt = r.symbols().values().stream().filter(o -> o.symbol().startsWith("LATE"))
                .filter(o -> o.firstServedDay() > 700).count();
        assertThat(learnt).as("late patterns promoted after they appeared: " + what).isGreaterThanOrEqualTo(5);
        assertThat(r.symbols().values().stream().filter(o -> o.firstServedDay() >= 0 && o.firstServedDay() <= 700))
                .as("promoted before any pattern existed").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aPatternThatDisappearsIsDemoted() {
        Map<String, EvidenceLoop.Series> panel = switchingPanel("GONE", 6, 2400, 900, 0.35, 0);
        EvidenceLoop.Result r = EvidenceLoop.run(panel, 500, 250, config());
        Map<String, String> what = describe(r);
        System.out.println("pattern vanishes at day 900: " + what + "; retrainings " + r.log());
        long promoted = r.symbols().values().stream().filter(o -> o.firstServedDay() >= 0 && o.firstServedDay() < 900)
                .count();
        long demoted = r.symbols().values().stream().filter(o -> o.evidence().demotions() > 0).count();
        assertThat(promoted).as("promoted while the pattern lasted: " + what).isGreaterThanOrEqualTo(5);
        assertThat(demoted).as("demoted once it was gone: " + what).isGreaterThanOrEqualTo(promoted / 2 + 1);
    }

    /** Eight symbols of {@code days} closes whose returns' autocorrelation is {@code before}, then {@code after} from {@code day}. */
    private static Map<String, EvidenceLoop.Series> switchingPanel(String prefix, long seed, int days, int day,
                                                                   double before, double after) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, EvidenceLoop.Series> panel = new TreeMap<>();
        for (int s = 0; s < 8; s++) {
            panel.put(prefix + s, new EvidenceLoop.Series(0, SyntheticSeries.autocorrelated(days, d -> d < day ? before : after, random.split())));
        }
        return panel;
    }

    private static Map<String, String> describe(EvidenceLoop.Result r) {
        Map<String, String> what = new TreeMap<>();
        r.symbols().forEach((s, o) -> what.put(s, "first served " + o.firstServedDay() + ", promotions "
                + (o.evidence() == null ? 0 : o.evidence().promotions()) + ", demotions "
                + (o.evidence() == null ? 0 : o.evidence().demotions()) + ", now "
                + (o.evidence() == null ? "-" : o.evidence().serving())));
        return what;
    }
}
