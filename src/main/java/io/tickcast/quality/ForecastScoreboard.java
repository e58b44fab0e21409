package io.tickcast.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;

/**
 * Scores forecasts after the fact: each forecast is paired with the symbol's first close after its
 * {@code asOf} date, and compared with the naive forecast (its last close) on the same days.
 */
public final class ForecastScoreboard {

    /** Errors of one symbol's scored forecasts. */
    public record SymbolScore(String symbol, int scored, double rmse, double mae, double naiveRmse, double naiveMae,
                              long lstmForecasts) {

        public double rmseRatio() {
            return rmse / naiveRmse;
        }
    }

    private ForecastScoreboard() {
    }

    /** Scores per symbol, in symbol order; forecasts with no later tick are left out. */
    public static List<SymbolScore> score(Collection<Tick> actuals, Collection<Forecast> forecasts) {
        Map<String, NavigableMap<LocalDate, Double>> closes = new TreeMap<>();
        for (Tick t : actuals) {
            closes.computeIfAbsent(t.symbol(), k -> new TreeMap<>()).put(t.date(), t.close());
        }
        Map<String, List<double[]>> rows = new TreeMap<>(); // forecast, naive, actual, isLstm
        for (Forecast f : forecasts) {
            NavigableMap<LocalDate, Double> series = closes.get(f.symbol());
            Map.Entry<LocalDate, Double> next = series == null ? null : series.higherEntry(f.asOf());
            if (next != null) {
                rows.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(new double[] {
                    f.forecastClose(), f.lastClose(), next.getValue(), Forecast.MODEL_LSTM.equals(f.model()) ? 1 : 0});
            }
        }
        List<SymbolScore> out = new ArrayList<>();
        rows.forEach((symbol, r) -> {
            double[] model = r.stream().mapToDouble(a -> a[0]).toArray();
            double[] naive = r.stream().mapToDouble(a -> a[1]).toArray();
            double[] actual = r.stream().mapToDouble(a -> a[2]).toArray();
            long lstm = r.stream().filter(a -> a[3] == 1).count();
            out.add(new SymbolScore(symbol, r.size(), ForecastMetrics.rmse(model, actual), ForecastMetrics.mae(model, actual),
                    ForecastMetrics.rmse(naive, actual), ForecastMetrics.mae(naive, actual), lstm));
        });
        return out;
    }
}
