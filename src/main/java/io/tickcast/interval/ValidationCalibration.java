package io.tickcast.interval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tickcast.gate.ValidationWindow;
import org.apache.commons.math3.distribution.BinomialDistribution;
import io.tickcast.lstm.PriceSeries;

/**
 * Calibrates a model's intervals and the naive forecast's on the gate's validation windows (data the model did
 * not train on), and checks the model's coverage for the gate.
 */
public final class ValidationCalibration {

    private ValidationCalibration() {
    }

    /**
     * The volatility at each window's last close, in the order of {@link ValidationWindow#after}: from each series'
     * first close on, as a stream that saw the series would have it.
     */
    public static double[] sigmas(Collection<PriceSeries> series, int window, LocalDate cutoff, double halfLife) {
        List<Double> out = new ArrayList<>();
        for (PriceSeries s : series) {
            double[] sigma = Volatility.sigmas(s.closes(), halfLife);
            for (int i = 0; i + window < s.length(); i++) {
                if (cutoff == null || s.dates()[i + window].isAfter(cutoff)) {
                    out.add(sigma[i + window - 1]);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * @param model the model's forecast of each window
     * @param sigmas see {@link #sigmas}
     */
    public static ForecasterCalibration fit(List<ValidationWindow> windows, double[] model, double[] sigmas,
                                            IntervalSettings settings, double tolerance, double significance) {
        double[] actual = windows.stream().mapToDouble(ValidationWindow::actual).toArray();
        double[] naive = windows.stream().mapToDouble(ValidationWindow::lastClose).toArray();
        Calibration lstm = Calibrator.fit(model, actual, sigmas, settings, Calibration.SCALE_EWMA);
        Calibration naiveCalibration = Calibrator.fit(naive, actual, sigmas, settings, Calibration.SCALE_EWMA);
        return new ForecasterCalibration(lstm, naiveCalibration, check(windows, model, sigmas, settings, tolerance,
                significance));
    }

    /**
     * Calibrates on the windows up to the median target date, counts coverage on the later ones. A level fails
     * when a one-sided binomial test at {@code significance} shows that the coverage is below
     * {@code level - tolerance} or above {@code level + tolerance}: a gap on a few windows is no evidence (60
     * windows put a 5-point standard error on an 80% coverage), so, as with accuracy, a candidate is refused on
     * evidence rather than on noise.
     */
    static CoverageCheck check(List<ValidationWindow> windows, double[] model, double[] sigmas,
                               IntervalSettings settings, double tolerance, double significance) {
        long[] days = windows.stream().mapToLong(w -> w.targetDate().toEpochDay()).sorted().toArray();
        long median = days.length == 0 ? 0 : days[(days.length - 1) / 2];
        List<Integer> older = new ArrayList<>();
        List<Integer> newer = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            (windows.get(i).targetDate().toEpochDay() <= median ? older : newer).add(i);
        }
        if (older.isEmpty() || newer.isEmpty()) {
            return new CoverageCheck(older.size(), newer.size(), List.of(), tolerance, significance, false);
        }
        Calibration c = Calibrator.fit(pick(model, older), pick(windows, older), pick(sigmas, older), settings,
                Calibration.SCALE_EWMA);
        int levels = settings.levels().size();
        int[] inside = new int[levels];
        double[] width = new double[levels];
        for (int i : newer) {
            ValidationWindow w = windows.get(i);
            List<Interval> intervals = c.intervals(model[i], sigmas[i]);
            for (int l = 0; l < levels; l++) {
                if (intervals.get(l).contains(w.actual())) {
                    inside[l]++;
                }
                width[l] += intervals.get(l).width() / w.lastClose();
            }
        }
        List<CoverageCheck.Level> out = new ArrayList<>();
        boolean passed = true;
        for (int l = 0; l < levels; l++) {
            double nominal = settings.levels().get(l);
            double p = missPValue(inside[l], newer.size(), nominal, tolerance);
            CoverageCheck.Level level = new CoverageCheck.Level(nominal, inside[l] / (double) newer.size(),
                    width[l] / newer.size(), p);
            passed &= p >= significance;
            out.add(level);
        }
        return new CoverageCheck(older.size(), newer.size(), out, tolerance, significance, passed);
    }

    /**
     * The smaller of the two one-sided binomial p-values of {@code inside} hits in {@code n}: against a coverage of
     * {@code nominal - tolerance} (too few hits) and of {@code nominal + tolerance} (too many); 1 when a bound
     * leaves (0, 1).
     */
    static double missPValue(int inside, int n, double nominal, double tolerance) {
        double low = nominal - tolerance;
        double high = nominal + tolerance;
        double tooFew = low <= 0 ? 1 : new BinomialDistribution(null, n, low).cumulativeProbability(inside);
        double tooMany = high >= 1 ? 1 : 1 - new BinomialDistribution(null, n, high).cumulativeProbability(inside - 1);
        return Math.min(tooFew, tooMany);
    }

    private static double[] pick(double[] values, List<Integer> at) {
        return at.stream().mapToDouble(i -> values[i]).toArray();
    }

    private static double[] pick(List<ValidationWindow> windows, List<Integer> at) {
        return at.stream().mapToDouble(i -> windows.get(i).actual()).toArray();
    }
}
