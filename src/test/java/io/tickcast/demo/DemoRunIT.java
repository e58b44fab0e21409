package io.tickcast.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evaluation.ForecastMetrics;
import io.tickcast.evaluation.ForecastScoreboard;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Tick;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end on an in-process broker, on two panels: one a model can learn (a model passes the gate and
 * makes every forecast) and random walks (no model passes; every forecast is naive and the ratio is exactly 1).
 */
class DemoRunIT {

    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);

    private record Outcome(List<ForecastScoreboard.SymbolScore> scores, String printed, DemoSummary summary) {
    }

    private static Outcome demo(List<Tick> ticks, String appId, int httpPort) throws Exception {
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of("application.id", appId,
                "http.host", "127.0.0.1", "http.port", Integer.toString(httpPort)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<ForecastScoreboard.SymbolScore> scores;
        DemoRun run;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            run = new DemoRun(new DemoRun.Options(ticks, 0.7, false, true, Duration.ofMinutes(2), config), out);
            scores = run.run(LstmTrainer.EpochListener.NONE);
        }
        return new Outcome(scores, buf.toString(StandardCharsets.UTF_8), run.summary());
    }

    private static List<Tick> ticks(String symbol, double[] closes) {
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            out.add(Tick.of(symbol, D0.plusDays(i), closes[i]));
        }
        return out;
    }

    @Test
    void onALearnablePanelTheGatedModelMakesEveryForecastAndTheTableIsComputedFromThem() throws Exception {
        List<Tick> ticks = new ArrayList<>(ticks("AAA", SyntheticSeries.wave(450, 100, 0, 1)));
        ticks.addAll(ticks("BBB", SyntheticSeries.wave(450, 2000, 1, 2)));
        // the configured HTTP port is taken: the demo takes a free one instead of failing
        java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        int takenPort = taken.getLocalPort();
        Outcome o;
        try (taken) {
            o = demo(ticks, "demo-test-waves", takenPort);
        }
        // 135 replayed days per symbol (30% of 450); the last has no next day to score against
        assertThat(o.scores()).extracting(ForecastScoreboard.SymbolScore::symbol).containsExactly("AAA", "BBB");
        assertThat(o.scores()).allSatisfy(s -> {
            assertThat(s.scored()).isEqualTo(134);
            assertThat(s.lstmForecasts()).as("the validation evidence of a wave promotes at once").isEqualTo(134);
            assertThat(s.challenger().forecasts()).isEqualTo(134);
            assertThat(s.challenger().rmseRatio()).isCloseTo(s.rmseRatio(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s.rmseRatio()).as("a wave is far more predictable than naive").isLessThan(0.9);
            // every scored forecast had both intervals checked (the model's calibration came with its record)
            assertThat(s.coverage()).extracting(ForecastScoreboard.Coverage::level).containsExactly(0.8, 0.95);
            assertThat(s.coverage()).allSatisfy(c -> assertThat(c.checked()).isEqualTo(134));
            assertThat(s.coverage().get(1).inside()).isGreaterThanOrEqualTo(s.coverage().get(0).inside());
        });
        assertThat(o.printed()).contains("Gate: passed the gate", "Model v1 published", "coverage 80/95");
        assertThat(o.summary().evidence()).allSatisfy((symbol, e) ->
                assertThat(e.serving()).as(symbol).isEqualTo(io.tickcast.evidence.SymbolEvidence.Serving.LSTM));
        assertThat(o.summary().decisions()).extracting(d -> d.symbol() + " " + d.change())
                .containsExactly("AAA promoted", "BBB promoted");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) o.summary().toJson().get("symbols");
        assertThat(json).allSatisfy(row -> assertThat(row).containsKeys("symbol", "scored", "lstmServed", "ratio",
                "challengerForecasts", "challengerRatio", "evidence", "coverage80", "coverage95")
                .containsEntry("lstmServed", 134L).containsEntry("challengerForecasts", 134));
        // the naive column is recomputed here from the data alone
        double[] aaa = SyntheticSeries.wave(450, 100, 0, 1);
        double[] naive = java.util.Arrays.copyOfRange(aaa, 315, 449);
        double[] actual = java.util.Arrays.copyOfRange(aaa, 316, 450);
        assertThat(o.scores().get(0).naiveRmse()).isCloseTo(ForecastMetrics.rmse(naive, actual), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.printed()).contains(DemoTable.render(o.scores(), o.summary().evidence()));
        // the HTTP server ran on the configured address (a free port here)
        assertThat(o.printed()).containsPattern("Metrics: http://127\\.0\\.0\\.1:\\d+/metrics")
                .contains("Port " + takenPort + " is taken").doesNotContain(":" + takenPort + "/metrics");
        // every forecast was printed as it arrived: 135 per symbol
        assertThat(o.printed().lines().filter(l -> l.matches("^(AAA|BBB) +\\d{4}-\\d{2}-\\d{2} .*")).count()).isEqualTo(270);
    }

    @Test
    void onRandomWalksTheChallengerIsPromotedNowhereAndEveryForecastIsNaive() throws Exception {
        Random rnd = new Random(11);
        List<Tick> ticks = new ArrayList<>();
        for (String s : List.of("RW1", "RW2", "RW3")) {
            ticks.addAll(ticks(s, SyntheticSeries.randomWalk(400, 50, 0.01, rnd)));
        }
        Outcome o = demo(ticks, "demo-test-walks", 0);
        assertThat(o.scores()).hasSize(3).allSatisfy(s -> {
            assertThat(s.scored()).isEqualTo(119);
            assertThat(s.lstmForecasts()).isZero();
            assertThat(s.rmseRatio()).isEqualTo(1.0);
            // naive's intervals, calibrated on the challenger's validation windows of these random walks
            // (constant volatility): live coverage near nominal; 119 days give standard errors of about 4 and 2 points
            assertThat(s.coverage()).extracting(ForecastScoreboard.Coverage::checked).containsExactly(119, 119);
            assertThat(s.coverage().get(0).share()).isBetween(0.8 - 0.15, 0.8 + 0.15);
            assertThat(s.coverage().get(1).share()).isBetween(0.95 - 0.1, 1.0);
        });
        // not shown better than naive, but sane: published as the challenger, which no symbol's evidence promotes
        assertThat(o.printed()).contains("Gate: the challenger: no evidence that it beats the naive forecast",
                "the challenger, forecasting every tick", " 1.0000 ",
                "Every forecast above is the naive forecast: no symbol's evidence promoted the LSTM");
    }
}
