package io.tickcast.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.tickcast.lstm.Scaling;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of a symbol's backtest, drawn headless at a fixed size. */
public final class BacktestCharts {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;

    private static final Color ACTUAL = new Color(0x555555);
    private static final Color IN_SAMPLE = new Color(0x1f77b4);
    private static final Color TEST = new Color(0xd62728);
    private static final Color VALIDATION = new Color(0xff7f0e);
    private static final Color ACTUAL_BACKGROUND = new Color(0xbbbbbb);
    private static final Color NAIVE = new Color(0x2ca02c);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private BacktestCharts() {
    }

    /** Training (and validation) loss per epoch, the kept epoch marked; {@code scaling} names the loss's unit. */
    public static void writeLossCurve(SymbolResult r, Scaling.Method scaling, Path file) {
        XYChart chart = base(String.format(Locale.ROOT, "%s: loss per epoch (%s)", r.symbol(),
                r.validationLosses().length > 0 ? "weights of epoch " + r.bestEpoch() + " kept, lowest validation loss"
                        : "last epoch's weights kept"), "epoch",
                scaling == Scaling.Method.PER_WINDOW ? "MSE of next-day move, in %\u00b2" : "MSE of min-max scaled close");
        double[] epochs = new double[r.epochs()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        // The kept epoch's point goes first: XChart labels every single value of an x axis whose values (in
        // insertion order) are equally spaced, which crowds 100 epochs; this keeps its usual round ticks.
        double[] keptLosses = r.validationLosses().length > 0 ? r.validationLosses() : r.trainLosses();
        XYSeries kept = chart.addSeries("kept: epoch " + r.bestEpoch(), new double[] {r.bestEpoch()},
                new double[] {keptLosses[r.bestEpoch() - 1]});
        kept.setMarker(SeriesMarkers.DIAMOND);
        kept.setMarkerColor(Color.BLACK);
        kept.setLineColor(Color.BLACK);
        chart.getStyler().setMarkerSize(9);
        line(chart.addSeries("training (" + r.fitWindows() + " windows)", epochs, r.trainLosses()), IN_SAMPLE);
        double min = min(r.trainLosses());
        double max = max(r.trainLosses());
        if (r.validationLosses().length > 0) {
            line(chart.addSeries("validation (last " + r.validationWindows() + " training windows)", epochs,
                    r.validationLosses()), VALIDATION);
            min = Math.min(min, min(r.validationLosses()));
            max = Math.max(max, max(r.validationLosses()));
        }
        // losses that fall by orders of magnitude (e.g. min-max scaling) read better on a log axis
        chart.getStyler().setYAxisLogarithmic(min > 0 && max / min > 20);
        chart.addAnnotation(new AnnotationLine(r.bestEpoch(), true, false));
        write(chart, file);
    }

    /** Test days shown in the zoomed right panel of {@link #writePredictions}. */
    static final int ZOOM_DAYS = 60;

    /**
     * Actual closes against the LSTM's forecasts of them, two panels side by side: left the whole history
     * (forecasts in sample over the windows the LSTM trained on, out of sample over the gate's validation
     * windows and the test windows, the split marked by a dashed line), right the last {@value #ZOOM_DAYS} test
     * days with the naive forecast for comparison, titled with the gate's verdict and what tickcast would have
     * published.
     */
    public static void writePredictions(SymbolResult r, Path file) {
        write(List.of(history(r), lastTestDays(r)), file);
    }

    private static XYChart history(SymbolResult r) {
        SymbolResult.Series s = r.series();
        XYChart chart = base(WIDTH / 2, String.format(Locale.ROOT, "%s: forecasts; test RMSE / naive %.4f",
                r.symbol(), r.rmseRatio()), "year", "close");
        double[] years = new double[s.closes().length];
        for (int i = 0; i < years.length; i++) {
            years[i] = decimalYear(s.dates()[i]);
        }
        int split = r.trainWindows();
        int fitted = split - r.gate().windows();
        XYSeries actual = chart.addSeries("actual", years, s.closes());
        line(actual, ACTUAL_BACKGROUND);
        actual.setLineWidth(3f);
        forecastSegment(chart, "LSTM: in sample", years, s, 0, fitted, IN_SAMPLE);
        forecastSegment(chart, "gate validation", years, s, fitted, split, VALIDATION);
        forecastSegment(chart, "test", years, s, split, s.forecasts().length, TEST);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> String.format(Locale.ROOT, "%.0f", x));
        double splitX = decimalYear(r.firstTestDate());
        chart.addAnnotation(new AnnotationLine(splitX, true, false));
        chart.addAnnotation(new AnnotationText("test from " + r.firstTestDate(), splitX, max(s.closes()), false));
        return chart;
    }

    /** The forecasts of windows {@code from} (inclusive) to {@code to}, drawn at their targets' dates. */
    private static void forecastSegment(XYChart chart, String name, double[] years, SymbolResult.Series s, int from,
                                        int to, Color color) {
        int w = s.window();
        line(chart.addSeries(name, Arrays.copyOfRange(years, w + from, w + to),
                Arrays.copyOfRange(s.forecasts(), from, to)), color);
    }

    private static XYChart lastTestDays(SymbolResult r) {
        SymbolResult.Series s = r.series();
        int n = s.closes().length;
        int days = Math.min(ZOOM_DAYS, r.testWindows());
        SymbolResult.Gate gate = r.gate();
        XYChart chart = base(WIDTH / 2, String.format(Locale.ROOT, "gate %s (p=%.2g): %s published",
                gate.passed() ? "passed" : "failed", gate.pValue(), gate.passed() ? "LSTM" : "naive"),
                "date (last " + days + " test days)", "close");
        double[] x = new double[days];
        double[] actual = new double[days];
        double[] naive = new double[days];
        double[] lstm = new double[days];
        for (int i = 0; i < days; i++) {
            int day = n - days + i;
            x[i] = s.dates()[day].toEpochDay();
            actual[i] = s.closes()[day];
            naive[i] = s.closes()[day - 1];
            lstm[i] = s.forecasts()[day - s.window()];
        }
        drawBands(chart, r, x, days);
        XYSeries a = chart.addSeries("actual", x, actual);
        line(a, ACTUAL);
        a.setMarker(SeriesMarkers.CIRCLE);
        line(chart.addSeries("naive (last close)", x, naive), NAIVE);
        line(chart.addSeries("LSTM", x, lstm), TEST);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(d -> LocalDate.ofEpochDay(Math.round(d)).toString());
        return chart;
    }

    /**
     * The published forecaster's prediction intervals over the last {@code days} test days, widest level first, as
     * shaded bands (the lower edge drawn in white over the upper one's fill).
     */
    private static void drawBands(XYChart chart, SymbolResult r, double[] x, int days) {
        SymbolResult.Series s = r.series();
        if (s.bands() == null || s.bands().length == 0) {
            return;
        }
        int tests = s.bands()[0].length;
        String by = r.gate().passed() ? "LSTM" : "naive";
        for (int l = s.bands().length - 1; l >= 0; l--) {
            double[] upper = new double[days];
            double[] lower = new double[days];
            for (int i = 0; i < days; i++) {
                double[] band = s.bands()[l][tests - days + i];
                lower[i] = band[0];
                upper[i] = band[1];
            }
            float shade = 0.93f - 0.1f * (s.bands().length - 1 - l);
            Color fill = new Color(shade - 0.05f, shade - 0.02f, shade + 0.05f > 1 ? 1f : shade + 0.05f);
            XYSeries up = chart.addSeries(String.format(Locale.ROOT, "%s %.0f%% interval", by, 100 * s.levels()[l]),
                    x, upper);
            up.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            up.setFillColor(fill);
            up.setLineColor(fill.darker());
            up.setMarker(SeriesMarkers.NONE);
            XYSeries down = chart.addSeries(String.format(Locale.ROOT, "lower %.0f%%", 100 * s.levels()[l]), x, lower);
            down.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            down.setFillColor(Color.WHITE);
            down.setLineColor(fill.darker());
            down.setMarker(SeriesMarkers.NONE);
            down.setShowInLegend(false);
        }
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        return base(WIDTH, title, xTitle, yTitle);
    }

    private static XYChart base(int width, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        // below the plot: price series can fill any corner of it
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAnnotationLineColor(Color.BLACK);
        styler.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        styler.setXAxisTickMarkSpacingHint(90);
        styler.setMarkerSize(0);
        return chart;
    }

    private static void line(XYSeries series, Color color) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(1f);
    }

    private static void write(XYChart chart, Path file) {
        write(List.of(chart), file);
    }

    /** Charts of equal height side by side in one PNG. */
    private static void write(List<XYChart> charts, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
        }
    }

    /** E.g. 1996-07-01 is 1996.497: the year plus the elapsed share of it. */
    static double decimalYear(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / (double) d.lengthOfYear();
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
