package io.tickcast.quality;

import java.util.ArrayList;
import java.util.List;

import io.tickcast.interval.Calibration;
import io.tickcast.interval.Interval;

/**
 * Test-split scores of prediction intervals at one coverage level, for the LSTM's intervals, the published
 * forecaster's (the LSTM's where it passed the gate, naive's where not), the naive forecast's EWMA-scaled
 * intervals and the naive forecast's unconditional intervals (no volatility scale: the baseline the issue asks
 * to beat). Widths and Winkler scores are relative to each window's last close, in percent, so symbols at
 * different price levels compare.
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
                                       boolean published) {
        List<IntervalEvaluation> out = new ArrayList<>();
        for (int l = 0; l < lstm.quantiles().size(); l++) {
            Scores lstmScores = scores(days, days.lstm(), lstm, l);
            Scores naiveScores = scores(days, days.lastClose(), naive, l);
            out.add(new IntervalEvaluation(lstm.quantiles().get(l).level(), lstmScores,
                    published ? lstmScores : naiveScores, naiveScores, scores(days, days.lastClose(), unconditional, l)));
        }
        return out;
    }

    private static Scores scores(TestDays days, double[] forecasts, Calibration c, int level) {
        int n = forecasts.length;
        int inside = 0;
        double width = 0;
        double winkler = 0;
        for (int i = 0; i < n; i++) {
            Interval interval = c.intervals(forecasts[i], days.sigma()[i]).get(level);
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
    static double[][][] bands(TestDays days, Calibration c, boolean lstmPublished) {
        double[] forecasts = lstmPublished ? days.lstm() : days.lastClose();
        int levels = c.quantiles().size();
        double[][][] out = new double[levels][forecasts.length][];
        for (int i = 0; i < forecasts.length; i++) {
            List<Interval> intervals = c.intervals(forecasts[i], days.sigma()[i]);
            for (int l = 0; l < levels; l++) {
                out[l][i] = new double[] {intervals.get(l).lower(), intervals.get(l).upper()};
            }
        }
        return out;
    }
}
