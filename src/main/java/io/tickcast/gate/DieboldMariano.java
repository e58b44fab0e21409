package io.tickcast.gate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A one-sided Diebold-Mariano test of equal predictive accuracy between a model and a benchmark, for
 * one-step-ahead forecasts pooled over many symbols.
 *
 * <p>The loss differential of a forecast is the model's loss minus the benchmark's. Forecasts of the same
 * date are averaged first (symbols move together on a day, so their differentials are not independent), which
 * leaves one differential per date. Their mean is divided by a Newey-West (Bartlett kernel) estimate of its
 * standard error, with {@code floor(4 (T/100)^(2/9))} lags for T dates, which stays valid when consecutive
 * dates' differentials are correlated (overlapping input windows, volatility clusters). The statistic gets
 * the Harvey-Leybourne-Newbold small-sample correction and is compared with Student's t with T-1 degrees of
 * freedom.
 *
 * @param windows          forecasts compared
 * @param dates            distinct dates they fall on (the test's sample size T)
 * @param lags             Newey-West lags used
 * @param meanDifferential mean over dates of the per-date mean (model loss - benchmark loss)
 * @param statistic        the corrected statistic; negative when the model's loss is lower
 * @param pValue           one-sided p-value for the alternative this test was made for (see the factories)
 */
public record DieboldMariano(int windows, int dates, int lags, double meanDifferential, double statistic,
                             double pValue) {

    /** One forecast: the day it is for (any increasing number, e.g. an epoch day), and both losses. */
    public record Loss(long day, double model, double benchmark) {
    }

    /** Alternative: the model's expected loss is lower than the benchmark's (small p: evidence it is better). */
    public static DieboldMariano modelBetter(List<Loss> losses) {
        return test(losses, true);
    }

    /** Alternative: the model's expected loss is higher than the benchmark's (small p: evidence it is worse). */
    public static DieboldMariano modelWorse(List<Loss> losses) {
        return test(losses, false);
    }

    private static DieboldMariano test(List<Loss> losses, boolean lowerTail) {
        double[] d = perDateDifferentials(losses);
        int t = d.length;
        int lags = t < 2 ? 0 : Math.min(t - 1, (int) Math.floor(4 * Math.pow(t / 100.0, 2.0 / 9.0)));
        double mean = 0;
        for (double v : d) {
            mean += v;
        }
        mean = t == 0 ? Double.NaN : mean / t;
        double variance = t < 2 ? Double.NaN : longRunVariance(d, mean, lags);
        if (!(variance > 0)) {
            // no sample, or every differential equal (e.g. identical forecasts): no evidence either way
            return new DieboldMariano(losses.size(), t, lags, mean, Double.NaN, 1.0);
        }
        double dm = mean / Math.sqrt(variance / t);
        double corrected = dm * Math.sqrt((t - 1.0) / t); // HLN with horizon 1: (T + 1 - 2h + h(h-1)/T) / T
        double lower = new TDistribution(null, t - 1.0).cumulativeProbability(corrected);
        return new DieboldMariano(losses.size(), t, lags, mean, corrected, lowerTail ? lower : 1 - lower);
    }

    /** Mean (model - benchmark) loss per date, in date order. */
    static double[] perDateDifferentials(List<Loss> losses) {
        Map<Long, double[]> byDay = new TreeMap<>();
        for (Loss l : losses) {
            double[] sumCount = byDay.computeIfAbsent(l.day(), k -> new double[2]);
            sumCount[0] += l.model() - l.benchmark();
            sumCount[1]++;
        }
        return byDay.values().stream().mapToDouble(sc -> sc[0] / sc[1]).toArray();
    }

    /** Newey-West estimate of the long-run variance of {@code d} (Bartlett weights 1 - k/(lags+1)). */
    static double longRunVariance(double[] d, double mean, int lags) {
        double variance = autocovariance(d, mean, 0);
        for (int k = 1; k <= lags; k++) {
            variance += 2 * (1 - k / (lags + 1.0)) * autocovariance(d, mean, k);
        }
        // Bartlett weights keep the estimate non-negative in exact arithmetic; guard rounding anyway
        return variance > 0 ? variance : autocovariance(d, mean, 0);
    }

    private static double autocovariance(double[] d, double mean, int lag) {
        double sum = 0;
        for (int i = lag; i < d.length; i++) {
            sum += (d[i] - mean) * (d[i - lag] - mean);
        }
        return sum / d.length;
    }

    /** True when this test rejects equal accuracy at {@code level}. */
    public boolean significantAt(double level) {
        return pValue < level;
    }
}
