package io.tickcast.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tickcast.records.Json;

/** A {@link BacktestResult} as a readable table, as JSON, and each symbol's loss log. */
public final class BacktestReport {

    private static final String[] HEADER = {"symbol", "model", "days", "train", "test", "train s", "kept epoch",
        "RMSE", "MAE", "MAPE %", "MASE", "RMSE/naive", "dir. acc", "up days"};
    /** Columns aligned left (text); the rest are right-aligned numbers. */
    private static final int TEXT_COLUMNS = 2;
    private static final String[] GATE_HEADER = {"symbol", "gate windows", "after", "RMSE/naive", "DM", "p", "passed",
        "published"};
    private static final int GATE_TEXT_COLUMNS = 1;
    private static final int GATE_TEXT_TAIL = 2;

    private BacktestReport() {
    }

    public static String table(BacktestResult r) {
        Backtest.Settings s = r.settings();
        StringBuilder out = new StringBuilder();
        out.append("tickcast backtest of ").append(r.source()).append('\n');
        out.append(String.format(Locale.ROOT,
                "model: LSTM, %d layers x %d hidden, window %d, %d parameters; Adam lr %s, batch %d, %d epochs, "
                        + "seed %d%n",
                s.lstm().layers(), s.lstm().hidden(), s.lstm().window(), r.parameterCount(),
                number(s.lstm().learningRate()), s.lstm().batchSize(), s.lstm().epochs(), s.lstm().seed()));
        out.append(String.format(Locale.ROOT, "split: per symbol, the first %.0f%% of the %d-day windows are the "
                + "training part, the rest test; scores are on the test windows%n", 100 * s.trainFraction(),
                s.lstm().window()));
        out.append(String.format(Locale.ROOT, "training, as the service trains: the training part's most recent "
                + "%.0f%% of windows validate for the gate, the LSTM trains on the rest (%s); weight decay %s; "
                + "scaling %s%n", 100 * s.validationFraction(),
                s.regime().validates()
                        ? String.format(Locale.ROOT, "their last %.0f%% pick the epoch whose weights are kept",
                        100 * s.regime().validationFraction())
                        : "the last epoch's weights kept",
                number(s.regime().weightDecay()), s.scaling().label()));
        out.append(String.format(Locale.ROOT, "gate: the LSTM is published if a one-sided Diebold-Mariano test "
                + "shows at level %s over at least %d validation windows that its MSE is at least %s%% below naive's, "
                + "else naive%n", number(s.gate().level()), s.gate().minWindows(), number(100 * s.gate().margin())));
        out.append(String.format(Locale.ROOT, "interval calibration: %s validation windows (the gate's), levels %s, "
                + "EWMA half-life %s days, online width correction rate %s%n", s.intervalScope() == Backtest.IntervalScope.POOLED
                        ? "every symbol's" : "each symbol's own",
                s.gatedTraining().intervals().settings().levels(),
                number(s.gatedTraining().intervals().settings().halfLife()),
                number(s.gatedTraining().intervals().settings().adaptRate())));
        out.append(String.format(Locale.ROOT, "training time: %.1f s in total%n%n", r.totalTrainingSeconds()));

        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (SymbolResult sr : r.symbols()) {
            rows.add(new String[] {sr.symbol(), "lstm", Integer.toString(sr.days()), Integer.toString(sr.trainWindows()),
                Integer.toString(sr.testWindows()), fixed(sr.trainingSeconds(), 1),
                sr.bestEpoch() + "/" + sr.epochs(), fixed(sr.lstm().rmse(), 2), fixed(sr.lstm().mae(), 2),
                fixed(sr.lstm().mape(), 3), fixed(sr.lstm().mase(), 4), fixed(sr.rmseRatio(), 4),
                percent(sr.lstm().directionalAccuracy()), percent(sr.upShare())});
            rows.add(scoreRow("published", sr.published(), sr.publishedRmseRatio()));
            rows.add(scoreRow("naive", sr.naive(), 1.0));
        }
        BacktestResult.Summary sum = r.summary();
        if (sum != null) {
            String label = "mean of " + sum.symbols();
            rows.add(new String[] {label, "lstm", "", "", "", fixed(r.totalTrainingSeconds(), 1), "", "", "",
                fixed(sum.lstmMape(), 3), fixed(sum.lstmMase(), 4), fixed(sum.rmseRatio(), 4),
                percent(sum.directionalAccuracy()), percent(sum.upShare())});
            rows.add(meanRow("published", sum.publishedMape(), sum.publishedMase(), sum.publishedRmseRatio()));
            rows.add(meanRow("naive", sum.naiveMape(), sum.naiveMase(), 1.0));
        }
        out.append(align(rows, TEXT_COLUMNS, 0));
        out.append('\n');
        out.append(align(gateRows(r), GATE_TEXT_COLUMNS, GATE_TEXT_TAIL));
        out.append('\n');
        if (r.retrainings() != null) {
            out.append(serviceSection(r));
            out.append('\n');
        }
        out.append(align(intervalRows(r), 2, 0));
        out.append('\n');
        if (sum != null) {
            out.append(String.format(Locale.ROOT, "\"mean of %d\": %s (train s: the total); RMSE and MAE are in each "
                    + "symbol's own price units and are not averaged. The LSTM beats naive RMSE on %d of %d symbols; "
                    + "it passed the gate on %d.%n",
                    sum.symbols(), BacktestResult.Summary.BASIS, sum.beatingNaive(), sum.symbols(), sum.gatePassed()));
        }
        out.append("""
                naive: tomorrow's close = today's. RMSE/naive below 1 beats it. MAPE in percent. MASE: test MAE over \
                the in-sample naive MAE of the training part (m = 1).
                published: what tickcast would have served on the test days: with the service's loop (the default), \
                what that loop served, forecast by forecast (the LSTM where the symbol's evidence had promoted it, \
                naive elsewhere); with --no-service-loop, the LSTM where it passed the gate and naive where not.
                dir. acc: share of test days whose move (up or down from the last close) the forecast got right; up \
                days: share of test days that closed up, what always forecasting "up" would score.
                kept epoch: the epoch whose weights were kept (lowest validation loss).
                gate windows: the training part's windows with targets after the date in "after", which the LSTM \
                did not train on; RMSE/naive there is of errors relative to each window's last close; DM: the \
                Diebold-Mariano statistic of the LSTM's squared errors against (1 - margin) times naive's (negative: \
                the LSTM's were smaller), p: its one-sided p-value.
                intervals: calibrated on the gate's validation windows by split conformal prediction on log errors                 scaled by each symbol's EWMA volatility (naive uncond.: naive's intervals without the volatility                 scale); coverage: share of test days inside; width and Winkler (interval score, lower is better) in                 percent of the last close; Winkler/uncond.: Winkler over naive uncond.'s (below 1 beats it).
                """);
        return out.toString();
    }

    private static final String[] SERVICE_HEADER = {"symbol", "scored", "lstm served", "served/naive", "challenger",
        "chall./naive", "first served", "promotions", "demotions", "evidence", "serves"};

    /**
     * The service's loop ({@link ServiceLoop}): its retrainings, then per symbol what it served on the test
     * days.
     */
    private static String serviceSection(BacktestResult r) {
        ServiceLoop loop = r.settings().service();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "service loop: one model for all symbols, "
                + "trained as the trainer trains on every tick before the first test forecast, retrained %s; the "
                + "challenger forecasts every window and each symbol's live evidence (evidence.decision=%s, alpha %s) "
                + "decides who serves it%n", loop.retrainEvery() == 0 ? "never"
                        : "every " + loop.retrainEvery() + " test dates",
                loop.config().evidence().decision().label(), number(loop.config().evidence().settings().alpha())));
        for (ServiceReplay.Retraining t : r.retrainings()) {
            out.append(String.format(Locale.ROOT, "  retrained before %s: %s%s%n", t.before(), t.outcome().label(),
                    t.version() > 0 ? ", published v" + t.version() : ", nothing published"));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(SERVICE_HEADER);
        for (SymbolResult sr : r.symbols()) {
            SymbolResult.Service v = sr.service();
            if (v == null) {
                continue;
            }
            rows.add(new String[] {sr.symbol(), Integer.toString(v.scored()), Integer.toString(v.lstmServed()),
                fixed(sr.publishedRmseRatio(), 4), Integer.toString(v.challengerForecasts()),
                Double.isNaN(v.challengerRatio()) ? "-" : fixed(v.challengerRatio(), 4),
                v.firstServed() == null ? "-" : v.firstServed().toString(), Long.toString(v.promotions()),
                Long.toString(v.demotions()), fixed(v.evidence(), 3), v.serving()});
        }
        out.append(align(rows, 1, 1));
        return out.toString();
    }

    private static String[] scoreRow(String model, SymbolResult.Scores scores, double ratio) {
        return new String[] {"", model, "", "", "", "", "", fixed(scores.rmse(), 2), fixed(scores.mae(), 2),
            fixed(scores.mape(), 3), fixed(scores.mase(), 4), fixed(ratio, 4), percent(scores.directionalAccuracy()), ""};
    }

    private static String[] meanRow(String model, double mape, double mase, double ratio) {
        return new String[] {"", model, "", "", "", "", "", "", "", fixed(mape, 3), fixed(mase, 4), fixed(ratio, 4),
            "", ""};
    }

    private static List<String[]> gateRows(BacktestResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(GATE_HEADER);
        for (SymbolResult sr : r.symbols()) {
            SymbolResult.Gate g = sr.gate();
            rows.add(new String[] {sr.symbol(), Integer.toString(g.windows()), String.valueOf(g.cutoff()),
                fixed(g.rmseRatio(), 4), fixed(g.statistic(), 2), String.format(Locale.ROOT, "%.3g", g.pValue()),
                g.passed() ? "yes" : "no", g.passed() ? "lstm" : "naive"});
        }
        return rows;
    }

    private static final String[] INTERVAL_HEADER = {"symbol", "intervals", "level", "coverage", "width %",
        "Winkler %", "Winkler/uncond."};

    private static List<String[]> intervalRows(BacktestResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(INTERVAL_HEADER);
        for (SymbolResult sr : r.symbols()) {
            String symbol = sr.symbol();
            for (IntervalEvaluation e : sr.intervals()) {
                double base = e.naiveUncond().meanWinklerPct();
                rows.add(intervalRow(symbol, "lstm", e.level(), e.lstm(), base));
                rows.add(intervalRow("", "published (" + (sr.gate().passed() ? "lstm" : "naive") + ")", e.level(),
                        e.published(), base));
                rows.add(intervalRow("", "naive", e.level(), e.naive(), base));
                rows.add(intervalRow("", "naive uncond.", e.level(), e.naiveUncond(), base));
                symbol = "";
            }
        }
        return rows;
    }

    private static String[] intervalRow(String symbol, String model, double level, IntervalEvaluation.Scores s,
                                        double base) {
        return new String[] {symbol, model, percent(level), percent(s.coverage()), fixed(s.meanWidthPct(), 3),
            fixed(s.meanWinklerPct(), 3), fixed(s.meanWinklerPct() / base, 4)};
    }

    public static String json(BacktestResult r) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the backtest as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * One line per epoch: {@code epoch=N train_mse=X [validation_mse=Y] [kept]}; losses are MSE on scaled
     * targets (for per-window scaling, squared percent moves).
     */
    public static List<String> lossLog(SymbolResult r) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < r.trainLosses().length; i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch=%d train_mse=%.8g", i + 1,
                    r.trainLosses()[i]));
            if (r.validationLosses().length > i) {
                line.append(String.format(Locale.ROOT, " validation_mse=%.8g", r.validationLosses()[i]));
            }
            if (i + 1 == r.bestEpoch()) {
                line.append(" kept");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Columns: the first {@code textColumns} and the last {@code textTail} are text (left), the rest numbers. */
    private static String align(List<String[]> rows, int textColumns, int textTail) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[c] - row[c].length());
                boolean text = c < textColumns || c >= columns - textTail;
                line.append(text ? row[c] + pad : pad + row[c]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String percent(Double share) {
        return share == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
