package io.tickcast.gate;

import java.time.LocalDate;
import java.util.Locale;

/**
 * What the gate measured on a model's validation windows (part of the model record contract). Errors are
 * relative to each window's last close, so symbols at different price levels weigh alike.
 *
 * @param windows     validation forecasts
 * @param cutoff      the last training target date: every validation target is later (null if not split)
 * @param rmse        the model's RMSE of relative errors
 * @param naiveRmse   the naive forecast's, on the same windows
 * @param currentRmse the model in service's (NaN if none)
 * @param vsNaive     Diebold-Mariano test of "the model beats naive" (null in records from before the test)
 * @param vsCurrent   Diebold-Mariano test of "the model beats the one in service" (null if none)
 * @param level       the test level the verdict used
 * @param margin      the share of the benchmark's MSE the model had to beat it by
 * @param passed      whether the model passed
 */
public record Evidence(int windows, LocalDate cutoff, double rmse, double naiveRmse, double currentRmse,
                       DieboldMariano vsNaive, DieboldMariano vsCurrent, double level, double margin, boolean passed) {

    public double ratioToNaive() {
        return rmse / naiveRmse;
    }

    /** One line for logs and tables: ratio, statistic, p-value, windows and dates. */
    public String summary() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "RMSE ratio to naive %.4f", ratioToNaive()));
        if (vsNaive != null) {
            s.append(String.format(Locale.ROOT, ", DM vs naive %.2f (p=%.3g)", vsNaive.statistic(), vsNaive.pValue()));
        }
        if (vsCurrent != null) {
            s.append(String.format(Locale.ROOT, ", DM vs current %.2f (p=%.3g)", vsCurrent.statistic(), vsCurrent.pValue()));
        }
        s.append(String.format(Locale.ROOT, " on %d windows", windows));
        if (vsNaive != null) {
            s.append(String.format(Locale.ROOT, " over %d dates", vsNaive.dates()));
        }
        if (level > 0) {
            s.append(String.format(Locale.ROOT, ", level %.3g, margin %.3g%%", level, 100 * margin));
        }
        return s.toString();
    }
}
