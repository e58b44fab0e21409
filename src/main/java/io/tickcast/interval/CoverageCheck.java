package io.tickcast.interval;

import java.util.List;
import java.util.Locale;

/**
 * The gate's check of a candidate's intervals: calibrated on the older half of its validation windows (by target
 * date), their coverage on the newer half. A candidate whose coverage falls short of a nominal level by more than
 * {@code tolerance}, by a one-sided binomial test at {@code significance} (the gate's level), is not promoted:
 * its errors on data it did not train on do not behave the same from one period to the next, and intervals
 * calibrated on the past would not hold.
 *
 * @param calibrationWindows windows the check's calibration came from
 * @param checkWindows       windows the coverage was counted on
 * @param levels             coverage per level
 * @param tolerance          the largest gap allowed ({@code gate.coverage-tolerance})
 * @param significance       the test level ({@code gate.level})
 * @param passed             every level within the tolerance
 */
public record CoverageCheck(int calibrationWindows, int checkWindows, List<Level> levels, double tolerance,
                            double significance, boolean passed) {

    /**
     * Coverage and mean relative width (upper - lower over the last close) at one level, and the p-value of the
     * test that the coverage is below {@code level - tolerance}.
     */
    public record Level(double level, double coverage, double meanRelativeWidth, double pValue) {

        public double gap() {
            return coverage - level;
        }
    }

    public CoverageCheck {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** One line for logs and tables, e.g. {@code coverage 79.2% at 80%, 94.8% at 95% on 600 windows}. */
    public String summary() {
        StringBuilder s = new StringBuilder("validation coverage");
        String sep = " ";
        for (Level l : levels) {
            s.append(String.format(Locale.ROOT, "%s%.1f%% at %s%% (p=%.2g)", sep, 100 * l.coverage(),
                    plain(100 * l.level()), l.pValue()));
            sep = ", ";
        }
        return s.append(String.format(Locale.ROOT, " on %d windows (tolerance %s points, test level %s)",
                checkWindows, plain(100 * tolerance), plain(significance))).toString();
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
