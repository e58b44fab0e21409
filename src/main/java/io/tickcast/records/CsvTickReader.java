package io.tickcast.records;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.tickcast.errors.Causes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code symbol,date,close[,open,high,low,volume]} CSV files (RFC 4180: quoted fields, CRLF or LF, an
 * optional UTF-8 byte-order mark) with a header line. Columns are found by header name (any case), so their
 * order is free and other columns are ignored. A bad row fails with the file name and line number.
 */
public final class CsvTickReader {

    /** Where the bundled demo data lives on the classpath. */
    public static final String BUNDLED_EUSTOCKS = "/data/eustockmarkets.csv";

    /**
     * RFC 4180: quoted fields (commas, quotes and line breaks inside), CRLF or LF. Blank lines come through as
     * one empty field and are skipped here, so line numbers stay those of the file.
     */
    private static final CSVFormat CSV = CSVFormat.RFC4180;
    private static final Pattern THOUSANDS_GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

    private CsvTickReader() {
    }

    public static List<Tick> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Causes.ofFile(e), e);
        }
    }

    /**
     * Reads CSV from bytes already in memory (e.g. standard input), which must be UTF-8.
     *
     * @param name what an error calls the input
     */
    public static List<Tick> read(byte[] content, String name) {
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8.newDecoder())) {
            return read(r, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + Causes.ofFile(e), e);
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
        Iterator<CSVRecord> rows;
        CSVParser parser = CSV.parse(withoutByteOrderMark(reader));
        rows = parser.iterator();
        List<Tick> ticks = new ArrayList<>();
        Map<String, Integer> index = null;
        long lineBefore = 0;
        while (true) {
            CSVRecord row;
            try {
                if (!rows.hasNext()) {
                    break;
                }
                row = rows.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                // commons-csv reports a broken quote as an I/O problem: say on which line the record starts
                String problem = rootMessage(e);
                throw new CsvFormatException(name, (int) lineBefore + 1, "not valid CSV (RFC 4180): "
                        + (problem != null && problem.contains("EOF reached before encapsulated token")
                                ? "a quoted field that starts on this line is never closed" : problem));
            }
            int line = (int) lineBefore + 1;
            lineBefore = parser.getCurrentLineNumber();
            if (index == null) {
                index = header(row, name);
                continue;
            }
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            ticks.add(parseRow(row, index, name, line));
        }
        if (index == null) {
            throw new CsvFormatException(name, 1, "empty file, expected a header symbol,date,close");
        }
        return ticks;
    }

    private static Map<String, Integer> header(CSVRecord row, String name) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            index.put(row.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("symbol", "date", "close")) {
            if (!index.containsKey(required)) {
                throw new CsvFormatException(name, 1, "header lacks column '" + required + "': "
                        + String.join(",", row.values()));
            }
        }
        return index;
    }

    /** A UTF-8 byte-order mark (as spreadsheet exports write) is not part of the first column's name. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader instanceof BufferedReader ? reader : new BufferedReader(reader));
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static Tick parseRow(CSVRecord f, Map<String, Integer> index, String name, int lineNo) {
        if (f.size() < index.size()) {
            throw new CsvFormatException(name, lineNo, "expected " + index.size() + " columns, found " + f.size());
        }
        String symbol = f.get(index.get("symbol")).trim();
        if (symbol.isEmpty()) {
            throw new CsvFormatException(name, lineNo, "symbol is blank");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f.get(index.get("date")).trim());
        } catch (DateTimeParseException e) {
            throw new CsvFormatException(name, lineNo, "date is not yyyy-MM-dd: '" + f.get(index.get("date")) + "'");
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

    private static Double optional(CSVRecord f, Map<String, Integer> index, String col, String name, int lineNo) {
        Integer i = index.get(col);
        if (i == null || f.get(i).isBlank()) {
            return null;
        }
        return number(f, index, col, name, lineNo);
    }

    /**
     * A plain decimal number, or one with comma thousands separators in groups of three ({@code 1,628.75}, as
     * spreadsheets export a quoted number); a decimal comma is not accepted (it is ambiguous with grouping).
     */
    private static double number(CSVRecord f, Map<String, Integer> index, String col, String name, int lineNo) {
        String raw = f.get(index.get(col)).trim();
        String plain = THOUSANDS_GROUPED.matcher(raw).matches() ? raw.replace(",", "") : raw;
        try {
            return Double.parseDouble(plain);
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
