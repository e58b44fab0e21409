package io.tickcast.interval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tickcast.gate.ValidationWindow;
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
                                            IntervalSettings settings, double tolerance) {
        double[] actual = windows.stream().mapToDouble(ValidationWindow::actual).toArray();
        double[] naive = windows.stream().mapToDouble(ValidationWindow::lastClose).toArray();
        Calibration lstm = Calibrator.fit(model, actual, sigmas, settings, Calibration.SCALE_EWMA);
        Calibration naiveCalibration = Calibrator.fit(naive, actual, sigmas, settings, Calibration.SCALE_EWMA);
        return new ForecasterCalibration(lstm, naiveCalibration, check(windows, model, sigmas, settings, tolerance));
    }

    /** Calibrates on the windows up to the median target date, counts coverage on the later ones. */
    static CoverageCheck check(List<ValidationWindow> windows, double[] model, double[] sigmas,
                               IntervalSettings settings, double tolerance) {
        long[] days = windows.stream().mapToLong(w -> w.targetDate().toEpochDay()).sorted().toArray();
        long median = days.length == 0 ? 0 : days[(days.length - 1) / 2];
        List<Integer> older = new ArrayList<>();
        List<Integer> newer = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            (windows.get(i).targetDate().toEpochDay() <= median ? older : newer).add(i);
        }
        if (older.isEmpty() || newer.isEmpty()) {
            return new CoverageCheck(older.size(), newer.size(), List.of(), tolerance, false);
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
            CoverageCheck.Level level = new CoverageCheck.Level(settings.levels().get(l),
                    inside[l] / (double) newer.size(), width[l] / newer.size());
            passed &= Math.abs(level.gap()) <= tolerance;
            out.add(level);
        }
        return new CoverageCheck(older.size(), newer.size(), out, tolerance, passed);
    }

    private static double[] pick(double[] values, List<Integer> at) {
        return at.stream().mapToDouble(i -> values[i]).toArray();
    }

    private static double[] pick(List<ValidationWindow> windows, List<Integer> at) {
        return at.stream().mapToDouble(i -> windows.get(i).actual()).toArray();
    }
}
