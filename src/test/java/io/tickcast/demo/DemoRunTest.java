package io.tickcast.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.quality.ForecastMetrics;
import io.tickcast.quality.ForecastScoreboard;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;
import org.junit.jupiter.api.Test;

class DemoRunTest {

    @Test
    void demoRunsEndToEndAndItsTableIsComputedFromTheForecasts() throws Exception {
        // the last 300 days of two bundled series, few epochs: the full demo is the same code path
        List<Tick> ticks = new ArrayList<>();
        Map<String, List<Tick>> all = CsvTickReader.bySymbol(CsvTickReader.readResource(CsvTickReader.BUNDLED_EUSTOCKS));
        for (String s : List.of("DAX", "FTSE")) {
            List<Tick> series = all.get(s);
            ticks.addAll(series.subList(series.size() - 300, series.size()));
        }
        // the configured HTTP port is taken: the demo takes a free one instead of failing
        java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        int takenPort = taken.getLocalPort();
        TickcastConfig config = TickcastConfig.load(null, Map.of(), Map.of("train.epochs", "5", "application.id", "demo-test",
                "http.host", "127.0.0.1", "http.port", Integer.toString(takenPort)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<ForecastScoreboard.SymbolScore> scores;
        try (taken; PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            scores = new DemoRun(new DemoRun.Options(ticks, 0.7, false, true, Duration.ofMinutes(2), config), out)
                    .run(LstmTrainer.EpochListener.NONE);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        // 90 replayed days per symbol; the last has no next day to score against
        assertThat(scores).extracting(ForecastScoreboard.SymbolScore::symbol).containsExactly("DAX", "FTSE");
        assertThat(scores).allSatisfy(s -> {
            assertThat(s.scored()).isEqualTo(89);
            assertThat(s.lstmForecasts()).isEqualTo(89);
        });
        // the naive column is recomputed here from the data alone
        List<Tick> dax = all.get("DAX").subList(1860 - 90, 1860);
        double[] naive = dax.subList(0, 89).stream().mapToDouble(Tick::close).toArray();
        double[] actual = dax.subList(1, 90).stream().mapToDouble(Tick::close).toArray();
        assertThat(scores.get(0).naiveRmse()).isCloseTo(ForecastMetrics.rmse(naive, actual), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(printed).contains(DemoTable.render(scores));
        // the HTTP server ran on the configured address (a free port here)
        assertThat(printed).containsPattern("Metrics: http://127\\.0\\.0\\.1:\\d+/metrics")
                .contains("Port " + takenPort + " is taken").doesNotContain(":" + takenPort + "/metrics");
        // every forecast was printed as it arrived: 90 per symbol
        assertThat(printed.lines().filter(l -> l.matches("^(DAX|FTSE) +\\d{4}-\\d{2}-\\d{2} .*")).count()).isEqualTo(180);
    }
}
