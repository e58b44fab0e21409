package io.tickcast.gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The promotion gate: a model is promoted only when the validation data give evidence that it beats the
 * naive forecast ("tomorrow = today") and the model in service by at least {@link GateSettings#margin()} of their
 * mean squared error, each by a one-sided Diebold-Mariano test on squared relative errors at
 * {@link GateSettings#level()}, over at least {@link GateSettings#minWindows()} windows. A lower RMSE alone is
 * not evidence: on a random walk half of all useless models have one.
 */
public final class ModelGate {

    /**
     * The verdict: passed or not, why, and the numbers behind it. {@code sane} is weaker than {@code passed}: the
     * candidate's forecasts are prices and it is not clearly worse than the naive forecast, nor than the model in
     * service (neither beats it by a one-sided Diebold-Mariano test at the gate's level, with no margin): it may be
     * the challenger, which forecasts every window and serves where each symbol's own evidence promotes it.
     */
    public record Verdict(boolean passed, boolean sane, String reason, Evidence evidence) {

        /** A verdict whose sanity is its pass. */
        public Verdict(boolean passed, String reason, Evidence evidence) {
            this(passed, passed, reason, evidence);
        }
    }

    private ModelGate() {
    }

    /**
     * @param windows   the validation windows, none of which the candidate trained on
     * @param candidate the candidate's forecast for each window
     * @param current   the forecasts of the model in service for each window, or null if there is none
     * @param cutoff    the last training target date (for the record), or null
     */
    public static Verdict judge(List<ValidationWindow> windows, double[] candidate, double[] current, LocalDate cutoff,
                                GateSettings settings) {
        if (candidate.length != windows.size() || (current != null && current.length != windows.size())) {
            throw new IllegalArgumentException("one forecast per validation window needed");
        }
        double[] naive = windows.stream().mapToDouble(ValidationWindow::lastClose).toArray();
        double keep = 1 - settings.margin(); // the candidate's loss must be below this share of the benchmark's
        DieboldMariano vsNaive = DieboldMariano.modelBetter(losses(windows, candidate, naive, keep));
        DieboldMariano vsCurrent = current == null ? null
                : DieboldMariano.modelBetter(losses(windows, candidate, current, keep));
        boolean enough = windows.size() >= settings.minWindows();
        boolean beatsNaive = enough && vsNaive.significantAt(settings.level());
        boolean beatsCurrent = vsCurrent == null || vsCurrent.significantAt(settings.level());
        boolean passed = beatsNaive && beatsCurrent;
        boolean prices = java.util.Arrays.stream(candidate).allMatch(f -> Double.isFinite(f) && f > 0);
        boolean naiveClearlyBetter = DieboldMariano.modelBetter(losses(windows, naive, candidate, 1))
                .significantAt(settings.level());
        boolean currentClearlyBetter = current != null
                && DieboldMariano.modelBetter(losses(windows, current, candidate, 1)).significantAt(settings.level());
        boolean sane = passed || prices && !naiveClearlyBetter && !currentClearlyBetter;
        Evidence evidence = new Evidence(windows.size(), cutoff, rmse(windows, candidate), rmse(windows, naive),
                current == null ? Double.NaN : rmse(windows, current), vsNaive, vsCurrent, settings.level(),
                settings.margin(), passed);
        String reason;
        if (!enough) {
            reason = String.format(Locale.ROOT, "only %d validation windows, fewer than gate.min-windows=%d",
                    windows.size(), settings.minWindows());
        } else if (!beatsNaive) {
            reason = String.format(Locale.ROOT, "no evidence that it beats the naive forecast by %.3g%% of its MSE "
                    + "(p=%.3g, not below %.3g)", 100 * settings.margin(), vsNaive.pValue(), settings.level());
        } else if (!beatsCurrent) {
            reason = String.format(Locale.ROOT, "no evidence that it beats the model in service by %.3g%% of its MSE "
                    + "(p=%.3g, not below %.3g)", 100 * settings.margin(), vsCurrent.pValue(), settings.level());
        } else {
            reason = "beats the naive forecast" + (current == null ? "" : " and the model in service");
        }
        if (!passed) {
            reason += sane ? "; sane (the challenger under evidence.decision=per-symbol)" : "; not even sane: "
                    + (!prices ? "some of its forecasts are no price"
                    : naiveClearlyBetter ? "the naive forecast is clearly better" : "the model in service is clearly better");
        }
        return new Verdict(passed, sane, reason, evidence);
    }

    /** Squared relative errors of {@code model} and {@code benchmark}, dated by each window's target. */
    public static List<DieboldMariano.Loss> losses(List<ValidationWindow> windows, double[] model, double[] benchmark) {
        return losses(windows, model, benchmark, 1);
    }

    /** The same, with the benchmark's loss scaled by {@code benchmarkShare} (1 - margin). */
    static List<DieboldMariano.Loss> losses(List<ValidationWindow> windows, double[] model, double[] benchmark,
                                            double benchmarkShare) {
        List<DieboldMariano.Loss> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            ValidationWindow w = windows.get(i);
            out.add(new DieboldMariano.Loss(w.targetDate().toEpochDay(), squaredRelative(model[i], w),
                    benchmarkShare * squaredRelative(benchmark[i], w)));
        }
        return out;
    }

    private static double squaredRelative(double forecast, ValidationWindow w) {
        double e = (forecast - w.actual()) / w.lastClose();
        return e * e;
    }

    static double rmse(List<ValidationWindow> windows, double[] forecasts) {
        double sum = 0;
        for (int i = 0; i < forecasts.length; i++) {
            sum += squaredRelative(forecasts[i], windows.get(i));
        }
        return Math.sqrt(sum / forecasts.length);
    }
}
