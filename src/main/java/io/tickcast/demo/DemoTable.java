package io.tickcast.demo;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.tickcast.evaluation.ForecastScoreboard.Coverage;
import io.tickcast.evaluation.ForecastScoreboard.SymbolScore;

/**
 * The demo's closing table: per symbol, the stream's forecast errors next to the naive forecast's, and how often
 * the actual close fell inside the forecasts' prediction intervals at each level.
 */
public final class DemoTable {

    private DemoTable() {
    }

    public static String render(List<SymbolScore> scores) {
        StringBuilder sb = new StringBuilder();
        String levels = scores.stream().flatMap(s -> s.coverage().stream()).map(Coverage::level).distinct().sorted()
                .map(l -> String.format(Locale.ROOT, "%.0f", 100 * l)).collect(Collectors.joining("/"));
        String coverageHeader = levels.isEmpty() ? "coverage" : "coverage " + levels;
        sb.append(String.format(Locale.ROOT, "%-8s %6s %6s %11s %11s %7s %10s %10s  %s%n", "symbol", "scored", "lstm",
                "RMSE model", "RMSE naive", "ratio", "MAE model", "MAE naive", coverageHeader));
        for (SymbolScore s : scores) {
            sb.append(String.format(Locale.ROOT, "%-8s %6d %6d %11.2f %11.2f %7.4f %10.2f %10.2f  %s%n", s.symbol(), s.scored(),
                    s.lstmForecasts(), s.rmse(), s.naiveRmse(), s.rmseRatio(), s.mae(), s.naiveMae(), coverage(s)));
        }
        sb.append("(ratio = model RMSE / naive RMSE; below 1 beats \"tomorrow = today\"; 'lstm' counts forecasts the LSTM made;\n"
                + " coverage = share of scored forecasts whose actual close fell inside the interval, per nominal level)\n");
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
