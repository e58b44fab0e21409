package io.tickcast.interval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tickcast.gate.ValidationWindow;
import io.tickcast.records.Interval;
import io.tickcast.records.PriceSeries;
import org.apache.commons.math3.distribution.BinomialDistribution;

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
     * {@code level - tolerance}: a gap on a few windows is no evidence (60 windows put a 5-point standard error on
     * an 80% coverage), so, as with accuracy, a candidate is refused on evidence rather than on noise. Coverage
     * above the level (intervals wider than needed, as when a model's errors shrink) is shown, not refused: it
     * misleads no one into trusting a narrow band, and refusing it would keep an accurate model out.
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
            double p = shortfallPValue(inside[l], newer.size(), nominal, tolerance);
            CoverageCheck.Level level = new CoverageCheck.Level(nominal, inside[l] / (double) newer.size(),
                    width[l] / newer.size(), p);
            passed &= p >= significance;
            out.add(level);
        }
        return new CoverageCheck(older.size(), newer.size(), out, tolerance, significance, passed);
    }

    /**
     * The one-sided binomial p-value of {@code inside} hits or fewer in {@code n} if the coverage were
     * {@code nominal - tolerance}: small when the intervals cover too little. 1 when that bound is not above 0.
     */
    static double shortfallPValue(int inside, int n, double nominal, double tolerance) {
        double low = nominal - tolerance;
        return low <= 0 ? 1 : new BinomialDistribution(null, n, low).cumulativeProbability(inside);
    }

    private static double[] pick(double[] values, List<Integer> at) {
        return at.stream().mapToDouble(i -> values[i]).toArray();
    }

    private static double[] pick(List<ValidationWindow> windows, List<Integer> at) {
        return at.stream().mapToDouble(i -> windows.get(i).actual()).toArray();
    }
}
