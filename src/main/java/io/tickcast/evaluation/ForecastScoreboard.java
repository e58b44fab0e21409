package io.tickcast.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.tickcast.records.Forecast;
import io.tickcast.records.Interval;
import io.tickcast.records.ModelKind;
import io.tickcast.records.Tick;

/**
 * Scores forecasts after the fact: each forecast is paired with the symbol's first close after its
 * {@code asOf} date, and compared with the naive forecast (its last close) on the same days; each of its
 * prediction intervals is checked for whether the close fell inside.
 */
public final class ForecastScoreboard {

    /** Errors of one symbol's scored forecasts, and the coverage of their intervals per level (ascending). */
    public record SymbolScore(String symbol, int scored, double rmse, double mae, double naiveRmse, double naiveMae,
                              long lstmForecasts, List<Coverage> coverage, Challenger challenger) {

        public double rmseRatio() {
            return rmse / naiveRmse;
        }
    }

    /**
     * The challenger's own forecasts among the scored ones (served or not): how many, and their RMSE next to naive's
     * on the same days (NaN without any).
     */
    public record Challenger(int forecasts, double rmse, double naiveRmse) {

        public double rmseRatio() {
            return rmse / naiveRmse;
        }
    }

    /** Of {@code checked} scored forecasts with an interval at {@code level}, {@code inside} held the close. */
    public record Coverage(double level, int checked, int inside) {

        public double share() {
            return checked == 0 ? Double.NaN : inside / (double) checked;
        }
    }

    private ForecastScoreboard() {
    }

    private record Row(Forecast forecast, double actual) {
    }

    /** Scores per symbol, in symbol order; forecasts with no later tick are left out. */
    public static List<SymbolScore> score(Collection<Tick> actuals, Collection<Forecast> forecasts) {
        Map<String, NavigableMap<LocalDate, Double>> closes = new TreeMap<>();
        for (Tick t : actuals) {
            closes.computeIfAbsent(t.symbol(), k -> new TreeMap<>()).put(t.date(), t.close());
        }
        Map<String, List<Row>> rows = new TreeMap<>();
        for (Forecast f : forecasts) {
            NavigableMap<LocalDate, Double> series = closes.get(f.symbol());
            Map.Entry<LocalDate, Double> next = series == null ? null : series.higherEntry(f.asOf());
            if (next != null) {
                rows.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(new Row(f, next.getValue()));
            }
        }
        List<SymbolScore> out = new ArrayList<>();
        rows.forEach((symbol, r) -> {
            double[] model = r.stream().mapToDouble(a -> a.forecast().forecastClose()).toArray();
            double[] naive = r.stream().mapToDouble(a -> a.forecast().lastClose()).toArray();
            double[] actual = r.stream().mapToDouble(Row::actual).toArray();
            long lstm = r.stream().filter(a -> a.forecast().madeBy(ModelKind.LSTM)).count();
            out.add(new SymbolScore(symbol, r.size(), ForecastMetrics.rmse(model, actual), ForecastMetrics.mae(model, actual),
                    ForecastMetrics.rmse(naive, actual), ForecastMetrics.mae(naive, actual), lstm, coverage(r),
                    challenger(r)));
        });
        return out;
    }

    private static Challenger challenger(List<Row> rows) {
        List<Row> with = rows.stream().filter(r -> r.forecast().challenger() != null).toList();
        if (with.isEmpty()) {
            return new Challenger(0, Double.NaN, Double.NaN);
        }
        double[] actual = with.stream().mapToDouble(Row::actual).toArray();
        return new Challenger(with.size(),
                ForecastMetrics.rmse(with.stream().mapToDouble(r -> r.forecast().challenger().forecastClose()).toArray(), actual),
                ForecastMetrics.rmse(with.stream().mapToDouble(r -> r.forecast().lastClose()).toArray(), actual));
    }

    private static List<Coverage> coverage(List<Row> rows) {
        Map<Double, int[]> byLevel = new TreeMap<>();
        for (Row row : rows) {
            for (Interval i : row.forecast().intervals()) {
                int[] counts = byLevel.computeIfAbsent(i.level(), k -> new int[2]);
                counts[0]++;
                if (i.contains(row.actual())) {
                    counts[1]++;
                }
            }
        }
        List<Coverage> out = new ArrayList<>();
        byLevel.forEach((level, c) -> out.add(new Coverage(level, c[0], c[1])));
        return out;
    }
}
