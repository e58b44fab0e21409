package io.tickcast.demo;

import java.util.List;
import java.util.Locale;

import io.tickcast.quality.ForecastScoreboard.SymbolScore;

/** The demo's closing table: per symbol, the stream's forecast errors next to the naive forecast's. */
public final class DemoTable {

    private DemoTable() {
    }

    public static String render(List<SymbolScore> scores) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s %6s %6s %11s %11s %7s %10s %10s%n", "symbol", "scored", "lstm",
                "RMSE model", "RMSE naive", "ratio", "MAE model", "MAE naive"));
        for (SymbolScore s : scores) {
            sb.append(String.format(Locale.ROOT, "%-8s %6d %6d %11.2f %11.2f %7.4f %10.2f %10.2f%n", s.symbol(), s.scored(),
                    s.lstmForecasts(), s.rmse(), s.naiveRmse(), s.rmseRatio(), s.mae(), s.naiveMae()));
        }
        sb.append("(ratio = model RMSE / naive RMSE; below 1 beats \"tomorrow = today\"; 'lstm' counts forecasts the LSTM made)\n");
        return sb.toString();
    }
}
