package io.tickcast.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.tickcast.evaluation.ForecastScoreboard.Coverage;
import io.tickcast.evaluation.ForecastScoreboard.SymbolScore;
import io.tickcast.evidence.SymbolEvidence;

/**
 * The demo's closing table: per symbol, the served forecasts' errors next to the naive forecast's, how many the
 * LSTM served, the challenger's own forecasts and ratio (served or not), the symbol's evidence at the end and who
 * serves it, and how often the actual close fell inside the forecasts' prediction intervals at each level.
 */
public final class DemoTable {

    private DemoTable() {
    }

    public static String render(List<SymbolScore> scores, Map<String, SymbolEvidence> evidence) {
        StringBuilder sb = new StringBuilder();
        String levels = scores.stream().flatMap(s -> s.coverage().stream()).map(Coverage::level).distinct().sorted()
                .map(l -> String.format(Locale.ROOT, "%.0f", 100 * l)).collect(Collectors.joining("/"));
        String coverageHeader = levels.isEmpty() ? "coverage" : "coverage " + levels;
        sb.append(String.format(Locale.ROOT, "%-8s %6s %6s %11s %11s %7s %6s %7s %9s %6s  %s%n", "symbol", "scored",
                "lstm", "RMSE served", "RMSE naive", "ratio", "chall.", "ch.ratio", "evidence", "serves", coverageHeader));
        for (SymbolScore s : scores) {
            SymbolEvidence e = evidence.get(s.symbol());
            sb.append(String.format(Locale.ROOT, "%-8s %6d %6d %11.2f %11.2f %7.4f %6d %7s %9s %6s  %s%n", s.symbol(),
                    s.scored(), s.lstmForecasts(), s.rmse(), s.naiveRmse(), s.rmseRatio(), s.challenger().forecasts(),
                    s.challenger().forecasts() == 0 ? "-" : String.format(Locale.ROOT, "%.4f", s.challenger().rmseRatio()),
                    e == null ? "-" : String.format(Locale.ROOT, "%.3g", e.evidence()),
                    e == null || e.serving() == SymbolEvidence.Serving.NAIVE ? "naive" : "lstm", coverage(s)));
        }
        sb.append("(ratio = served RMSE / naive RMSE; below 1 beats \"tomorrow = today\"; 'lstm' counts forecasts the LSTM\n"
                + " served; 'chall.' and 'ch.ratio': the challenger's own forecasts and ratio, served or not; 'evidence': the\n"
                + " e-value of the test that can change who serves at the end (it decides at 1/alpha); coverage = share of\n"
                + " scored forecasts whose actual close fell inside the interval, per nominal level)\n");
        return sb.toString();
    }

    private static String coverage(SymbolScore s) {
        if (s.coverage().isEmpty()) {
            return "-";
        }
        return s.coverage().stream().map(c -> String.format(Locale.ROOT, "%.1f%%", 100 * c.share()))
                .collect(Collectors.joining(" / "));
    }
}
