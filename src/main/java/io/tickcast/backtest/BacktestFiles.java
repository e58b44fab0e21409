package io.tickcast.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a backtest's files into one directory, per symbol: {@code <symbol>-loss.log} (one line per epoch),
 * {@code <symbol>-loss.png} and {@code <symbol>-forecast.png}.
 */
public final class BacktestFiles {

    private BacktestFiles() {
    }

    /** @return the files written, in order */
    public static List<Path> write(BacktestResult result, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        for (SymbolResult r : result.symbols()) {
            String name = fileName(r.symbol());
            Path log = dir.resolve(name + "-loss.log");
            try {
                Files.write(log, BacktestReport.lossLog(r), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + log + ": " + e.getMessage(), e);
            }
            written.add(log);
            Path loss = dir.resolve(name + "-loss.png");
            BacktestCharts.writeLossCurve(r, result.settings().scaling(), loss);
            written.add(loss);
            Path forecast = dir.resolve(name + "-forecast.png");
            BacktestCharts.writePredictions(r, forecast);
            written.add(forecast);
        }
        return written;
    }

    /** A symbol as a safe file name: characters other than letters, digits, '.', '-' and '_' become '_'. */
    static String fileName(String symbol) {
        String safe = symbol.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }
}
