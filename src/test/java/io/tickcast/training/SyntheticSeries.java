package io.tickcast.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tickcast.records.PriceSeries;
import io.tickcast.records.Tick;

/** Price series for tests: ones a small LSTM can learn, and random walks, where nothing beats naive. */
public final class SyntheticSeries {

    public static final LocalDate START = LocalDate.of(2020, 1, 1);

    private SyntheticSeries() {
    }

    /** A slow wave with a little noise: far more predictable than "tomorrow = today". */
    public static double[] wave(int days, double level, double phase, long seed) {
        Random rnd = new Random(seed);
        double[] out = new double[days];
        for (int i = 0; i < days; i++) {
            out[i] = level * (1 + 0.2 * Math.sin(i / 3.0 + phase) + 0.002 * rnd.nextGaussian());
        }
        return out;
    }

    /** A driftless geometric random walk with daily volatility {@code vol}: naive is the best forecast there is. */
    public static double[] randomWalk(int days, double level, double vol, Random rnd) {
        double[] out = new double[days];
        out[0] = level;
        for (int i = 1; i < days; i++) {
            out[i] = out[i - 1] * Math.exp(vol * rnd.nextGaussian());
        }
        return out;
    }

    /**
     * Closes from 100 whose daily log returns are autocorrelated: {@code r_t = phi(t) r_(t-1) + 0.01 z_t}, with
     * {@code z_t} standard normal (Box-Muller, two draws of {@code random} per day); {@code phi = 0} is a random walk.
     */
    public static double[] autocorrelated(int days, java.util.function.IntToDoubleFunction phi,
                                          java.util.SplittableRandom random) {
        double[] c = new double[days];
        double r = 0;
        c[0] = 100;
        for (int d = 1; d < days; d++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            r = phi.applyAsDouble(d) * r + 0.01 * z;
            c[d] = c[d - 1] * Math.exp(r);
        }
        return c;
    }

    /** {@code closes} on consecutive days from {@code first}. */
    public static PriceSeries dated(String symbol, LocalDate first, double[] closes) {
        LocalDate[] dates = new LocalDate[closes.length];
        for (int i = 0; i < closes.length; i++) {
            dates[i] = first.plusDays(i);
        }
        return new PriceSeries(symbol, dates, closes);
    }

    /**
     * A panel of random walks of unequal lengths that all end on the same day (as a trainer's history of symbols
     * listed at different times would be).
     */
    public static List<PriceSeries> randomWalkPanel(int symbols, int longest, long seed) {
        Random rnd = new Random(seed);
        List<PriceSeries> panel = new ArrayList<>();
        for (int s = 0; s < symbols; s++) {
            int days = longest - s * (longest / (2 * symbols));
            double[] closes = randomWalk(days, 20 + 200 * rnd.nextDouble(), 0.005 + 0.02 * rnd.nextDouble(), rnd);
            panel.add(dated("RW" + s, START.plusDays(longest - days), closes));
        }
        return panel;
    }

    /**
     * Ticks of one {@link #wave} per symbol (symbol s at level 100 (s + 1), phase and seed s), day by day from
     * {@link #START}: what the trainer's integration tests publish.
     */
    public static List<List<Tick>> waveDays(String[] symbols, int days) {
        double[][] closes = new double[symbols.length][];
        for (int s = 0; s < symbols.length; s++) {
            closes[s] = wave(days, 100 * (s + 1), s, s);
        }
        List<List<Tick>> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            List<Tick> day = new ArrayList<>();
            for (int s = 0; s < symbols.length; s++) {
                day.add(Tick.of(symbols[s], START.plusDays(d), closes[s][d]));
            }
            out.add(day);
        }
        return out;
    }
}
