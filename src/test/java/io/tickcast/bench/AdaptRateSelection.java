package io.tickcast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tickcast.interval.AdaptiveWidth;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.Calibrator;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.interval.Volatility;
import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Interval;

/**
 * How the default {@code interval.adapt-rate} was chosen, on the validation part of the bundled series only
 * (never their test split): for each series, the training part is the first 70% (the backtest's default split),
 * its validation windows the most recent 20% of those (the gate's share). The naive forecast's intervals are
 * calibrated (pooled per file, EWMA scale) on the older half of the validation windows and counted, with the
 * adaptive width at each candidate rate, on the newer half, in date order per series. Prints the mean absolute
 * coverage gap and the mean Winkler score per rate. Not a test.
 */
public final class AdaptRateSelection {

    private static final double TRAIN = 0.7;
    private static final double VALIDATION = 0.2;

    private AdaptRateSelection() {
    }

    public static void main(String[] args) {
        IntervalSettings settings = IntervalSettings.DEFAULT;
        double[] rates = {0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1};
        double[][] gap = new double[rates.length][2];
        double[][] winkler = new double[rates.length][2];
        int cases = 0;
        for (String file : List.of(CsvTickReader.BUNDLED_EUSTOCKS, "/data/djia8012.csv")) {
            List<double[]> series = CsvTickReader.closeSeries(CsvTickReader.readResource(file));
            List<double[]> older = new ArrayList<>();   // {forecast, actual, sigma}
            List<List<double[]>> newer = new ArrayList<>();
            for (double[] closes : series) {
                double[] sigma = Volatility.sigmas(closes, settings.halfLife());
                int trainEnd = (int) (closes.length * TRAIN);           // closes [0, trainEnd) train
                int validationStart = (int) (trainEnd * (1 - VALIDATION));
                int mid = (validationStart + trainEnd) / 2;
                List<double[]> late = new ArrayList<>();
                for (int t = validationStart; t < trainEnd - 1; t++) {
                    double[] w = {closes[t], closes[t + 1], sigma[t]};   // naive: tomorrow = today
                    (t < mid ? older : late).add(w);
                }
                newer.add(late);
            }
            Calibration c = Calibrator.fit(older.stream().mapToDouble(w -> w[0]).toArray(),
                    older.stream().mapToDouble(w -> w[1]).toArray(), older.stream().mapToDouble(w -> w[2]).toArray(),
                    settings, Calibration.SCALE_EWMA);
            for (List<double[]> late : newer) {
                cases++;
                for (int r = 0; r < rates.length; r++) {
                    AdaptiveWidth adapt = new AdaptiveWidth(rates[r]);
                    double[] theta = new double[settings.levels().size()];
                    int[] inside = new int[theta.length];
                    double[] score = new double[theta.length];
                    for (double[] w : late) {
                        List<Interval> intervals = c.intervals(w[0], w[2], theta);
                        for (int l = 0; l < theta.length; l++) {
                            inside[l] += intervals.get(l).contains(w[1]) ? 1 : 0;
                            score[l] += intervals.get(l).winkler(w[1]) / w[0];
                        }
                        theta = adapt.after(theta, intervals, w[1]);
                    }
                    for (int l = 0; l < theta.length; l++) {
                        gap[r][l] += Math.abs(inside[l] / (double) late.size() - settings.levels().get(l));
                        winkler[r][l] += 100 * score[l] / late.size();
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d series; naive forecast, validation windows only%n", cases);
        System.out.printf(Locale.ROOT, "%-6s %12s %12s %12s %12s%n", "rate", "|gap| 80%", "|gap| 95%", "Winkler 80%", "Winkler 95%");
        for (int r = 0; r < rates.length; r++) {
            System.out.printf(Locale.ROOT, "%-6s %11.2f%% %11.2f%% %12.4f %12.4f%n", rates[r], 100 * gap[r][0] / cases,
                    100 * gap[r][1] / cases, winkler[r][0] / cases, winkler[r][1] / cases);
        }
    }
}
