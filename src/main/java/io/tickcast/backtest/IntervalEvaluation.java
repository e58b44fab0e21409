package io.tickcast.backtest;

import java.util.ArrayList;
import java.util.List;

import io.tickcast.interval.AdaptiveWidth;
import io.tickcast.interval.Calibration;
import io.tickcast.records.Interval;

/**
 * Test-split scores of prediction intervals at one coverage level, for the LSTM's intervals, the published
 * forecaster's (the LSTM's where it passed the gate, naive's where not), the naive forecast's EWMA-scaled
 * intervals and the naive forecast's unconditional intervals (no volatility scale: the baseline the issue asks
 * to beat). Widths and Winkler scores are relative to each window's last close, in percent, so symbols at
 * different price levels compare. The forecasters' intervals get the stream's online width correction
 * ({@link AdaptiveWidth}), day by day in date order from the first test day, as a stream that starts serving on
 * that day would; the unconditional baseline stays as calibrated.
 */
public record IntervalEvaluation(double level, Scores lstm, Scores published, Scores naive, Scores naiveUncond) {

    /**
     * @param coverage        share of test days whose close fell inside
     * @param meanWidthPct    mean of (upper - lower) / last close, in percent
     * @param meanWinklerPct  mean Winkler interval score / last close, in percent (lower is better)
     */
    public record Scores(double coverage, double meanWidthPct, double meanWinklerPct) {
    }

    /** The test windows of one symbol: forecasts, actual closes, last closes and volatility at forecast time. */
    record TestDays(double[] lstm, double[] actual, double[] lastClose, double[] sigma) {
    }

    /** One evaluation per level of {@code lstm}'s calibration, in level order. */
    static List<IntervalEvaluation> of(TestDays days, Calibration lstm, Calibration naive, Calibration unconditional,
                                       boolean published, AdaptiveWidth adaptive) {
        List<Interval>[] lstmDays = served(days, days.lstm(), lstm, adaptive);
        List<Interval>[] naiveDays = served(days, days.lastClose(), naive, adaptive);
        List<Interval>[] uncondDays = served(days, days.lastClose(), unconditional, AdaptiveWidth.OFF);
        List<IntervalEvaluation> out = new ArrayList<>();
        for (int l = 0; l < lstm.quantiles().size(); l++) {
            Scores lstmScores = scores(days, lstmDays, l);
            Scores naiveScores = scores(days, naiveDays, l);
            out.add(new IntervalEvaluation(lstm.quantiles().get(l).level(), lstmScores,
                    published ? lstmScores : naiveScores, naiveScores, scores(days, uncondDays, l)));
        }
        return out;
    }

    /** Each test day's intervals as the stream serves them: calibrated, then corrected by the misses so far. */
    @SuppressWarnings("unchecked")
    private static List<Interval>[] served(TestDays days, double[] forecasts, Calibration c, AdaptiveWidth adaptive) {
        List<Interval>[] out = new List[forecasts.length];
        double[] theta = new double[c.quantiles().size()];
        for (int i = 0; i < forecasts.length; i++) {
            out[i] = c.intervals(forecasts[i], days.sigma()[i], theta);
            theta = adaptive.after(theta, out[i], days.actual()[i]);
        }
        return out;
    }

    private static Scores scores(TestDays days, List<Interval>[] served, int level) {
        int n = served.length;
        int inside = 0;
        double width = 0;
        double winkler = 0;
        for (int i = 0; i < n; i++) {
            Interval interval = served[i].get(level);
            double y = days.actual()[i];
            if (interval.contains(y)) {
                inside++;
            }
            width += interval.width() / days.lastClose()[i];
            winkler += interval.winkler(y) / days.lastClose()[i];
        }
        return new Scores(inside / (double) n, 100 * width / n, 100 * winkler / n);
    }

    /** The published forecaster's bands on the test days, per level: {@code [level][day] = {lower, upper}}. */
    static double[][][] bands(TestDays days, Calibration c, boolean lstmPublished, AdaptiveWidth adaptive) {
        double[] forecasts = lstmPublished ? days.lstm() : days.lastClose();
        List<Interval>[] served = served(days, forecasts, c, adaptive);
        int levels = c.quantiles().size();
        double[][][] out = new double[levels][forecasts.length][];
        for (int i = 0; i < forecasts.length; i++) {
            for (int l = 0; l < levels; l++) {
                out[l][i] = new double[] {served[i].get(l).lower(), served[i].get(l).upper()};
            }
        }
        return out;
    }
}
