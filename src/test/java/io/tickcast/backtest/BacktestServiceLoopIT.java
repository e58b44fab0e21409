package io.tickcast.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.tickcast.config.TickcastConfig;
import io.tickcast.records.Tick;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * The backtest's published figures are what the service's loop served ({@link ServiceReplay}: the stream's topology,
 * retrained as the trainer retrains): on a panel where some symbols have autocorrelated daily returns and the others
 * are random walks, the LSTM is served on the former, beating naive there, and naive on the latter.
 */
class BacktestServiceLoopIT {

    private static final LocalDate D0 = LocalDate.of(2001, 1, 1);

    /** Daily log returns r_t = phi r_(t-1) + 1% noise from 100, as ticks from {@link #D0}. */
    private static List<Tick> series(String symbol, int days, double phi, SplittableRandom random) {
        double[] closes = SyntheticSeries.autocorrelated(days, d -> phi, random);
        List<Tick> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(Tick.of(symbol, D0.plusDays(d), closes[d]));
        }
        return out;
    }

    @Test
    void publishedIsWhatTheServiceServedLstmOnPatternsNaiveOnWalks() {
        SplittableRandom random = new SplittableRandom(2024);
        Map<String, List<Tick>> panel = new LinkedHashMap<>();
        double[] phis = {0.3, 0.35, 0.35};
        for (int s = 0; s < phis.length; s++) {
            panel.put("AR" + s, series("AR" + s, 2000, phis[s], random.split()));
            panel.put("RW" + s, series("RW" + s, 2000, 0, random.split()));
        }
        Backtest.Settings settings = Backtest.Settings.DEFAULT.withTrainFraction(0.5)
                .withService(new ServiceLoop(250, TickcastConfig.defaults()));
        BacktestResult r = Backtest.run("mixed", panel, settings, Backtest.Progress.NONE);
        System.out.println(BacktestReport.table(r));

        assertThat(r.retrainings()).as("the first model, then every 250 of ~1,000 test dates").hasSizeGreaterThanOrEqualTo(4);
        for (SymbolResult s : r.symbols()) {
            assertThat(s.service()).isNotNull();
            assertThat(s.service().scored()).isEqualTo(s.testWindows());
            assertThat(s.service().challengerForecasts()).as(s.symbol() + ": the challenger forecast every test day")
                    .isEqualTo(s.testWindows());
            if (s.service().lstmServed() == 0) {
                assertThat(s.publishedRmseRatio()).as(s.symbol() + ": naive served throughout").isEqualTo(1.0);
                assertThat(s.service().firstServed()).isNull();
            }
        }
        List<SymbolResult> patterned = r.symbols().stream().filter(s -> s.symbol().startsWith("AR")).toList();
        List<SymbolResult> walks = r.symbols().stream().filter(s -> s.symbol().startsWith("RW")).toList();
        assertThat(patterned.stream().filter(s -> s.service().lstmServed() > 0))
                .as("autocorrelated symbols the LSTM served").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.publishedRmseRatio()).as(s.symbol() + " served ratio").isLessThan(1.0));
        assertThat(walks.stream().filter(s -> s.service().lstmServed() > 0))
                .as("random walks the LSTM served (each at most alpha by chance)").hasSizeLessThanOrEqualTo(1);
        assertThat(BacktestReport.table(r)).contains("service loop:", "lstm served");
    }
}
