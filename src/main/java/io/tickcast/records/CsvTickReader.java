package io.tickcast.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tickcast.errors.Causes;
import io.tickcast.lstm.PriceSeries;

/**
 * Reads {@code symbol,date,close[,open,high,low,volume]} CSV files with a header line. Columns are found
 * by header name, so their order is free. A bad row fails with the file name and line number.
 */
public final class CsvTickReader {

    /** Where the bundled demo data lives on the classpath. */
    public static final String BUNDLED_EUSTOCKS = "/data/eustockmarkets.csv";

    private CsvTickReader() {
    }

    public static List<Tick> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Causes.ofFile(e), e);
        }
    }

    public static List<Tick> readResource(String resource) {
        InputStream in = CsvTickReader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no bundled resource " + resource);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(r, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file, or the bundled EuStockMarkets series when {@code file} is null. */
    public static List<Tick> readOrBundled(Path file) {
        return file == null ? readResource(BUNDLED_EUSTOCKS) : read(file);
    }

    static List<Tick> read(Reader reader, String name) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            throw new CsvFormatException(name, 1, "empty file, expected a header symbol,date,close");
        }
        String[] cols = header.replace("\uFEFF", "").split(",", -1);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < cols.length; i++) {
            index.put(cols[i].trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("symbol", "date", "close")) {
            if (!index.containsKey(required)) {
                throw new CsvFormatException(name, 1, "header lacks column '" + required + "': " + header);
            }
        }
        List<Tick> ticks = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            ticks.add(parseRow(line.split(",", -1), index, name, lineNo));
        }
        return ticks;
    }

    private static Tick parseRow(String[] f, Map<String, Integer> index, String name, int lineNo) {
        if (f.length < index.size()) {
            throw new CsvFormatException(name, lineNo, "expected " + index.size() + " columns, found " + f.length);
        }
        String symbol = f[index.get("symbol")].trim();
        if (symbol.isEmpty()) {
            throw new CsvFormatException(name, lineNo, "symbol is blank");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f[index.get("date")].trim());
        } catch (DateTimeParseException e) {
            throw new CsvFormatException(name, lineNo, "date is not yyyy-MM-dd: '" + f[index.get("date")] + "'");
        }
        double close = number(f, index, "close", name, lineNo);
        if (!Double.isFinite(close) || close <= 0) {
            throw new CsvFormatException(name, lineNo, "close must be a finite number > 0, was " + close);
        }
        Double open = optional(f, index, "open", name, lineNo);
        Double high = optional(f, index, "high", name, lineNo);
        Double low = optional(f, index, "low", name, lineNo);
        Double volume = optional(f, index, "volume", name, lineNo);
        return new Tick(symbol, date, close, open, high, low, volume == null ? null : volume.longValue());
    }

    private static Double optional(String[] f, Map<String, Integer> index, String col, String name, int lineNo) {
        Integer i = index.get(col);
        if (i == null || f[i].isBlank()) {
            return null;
        }
        return number(f, index, col, name, lineNo);
    }

    private static double number(String[] f, Map<String, Integer> index, String col, String name, int lineNo) {
        String raw = f[index.get(col)].trim();
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(name, lineNo, col + " is not a number: '" + raw + "'");
        }
    }

    /** Ticks grouped by symbol (in first-seen order), each series sorted by date. */
    public static Map<String, List<Tick>> bySymbol(List<Tick> ticks) {
        Map<String, List<Tick>> out = new LinkedHashMap<>();
        for (Tick t : ticks) {
            out.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t);
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(Tick::date)));
        return out;
    }

    /** Each symbol's closes in date order: the training input of a pooled model. */
    public static List<double[]> closeSeries(List<Tick> ticks) {
        return bySymbol(ticks).values().stream().map(s -> s.stream().mapToDouble(Tick::close).toArray()).toList();
    }

    /**
     * Each symbol's dated closes in date order (training and validation cut them at one date).
     *
     * @throws IllegalArgumentException if a symbol has two ticks for one date
     */
    public static List<PriceSeries> priceSeries(List<Tick> ticks) {
        return bySymbol(ticks).entrySet().stream().map(e -> priceSeries(e.getKey(), e.getValue())).toList();
    }

    /** One symbol's ticks (sorted by date) as a dated series. */
    public static PriceSeries priceSeries(String symbol, List<Tick> sorted) {
        return new PriceSeries(symbol, sorted.stream().map(Tick::date).toArray(LocalDate[]::new),
                sorted.stream().mapToDouble(Tick::close).toArray());
    }

    /** All ticks in date order (ties keep file order), the order a live feed would deliver them. */
    public static List<Tick> inDateOrder(List<Tick> ticks) {
        List<Tick> sorted = new ArrayList<>(ticks);
        sorted.sort(Comparator.comparing(Tick::date));
        return sorted;
    }
}
