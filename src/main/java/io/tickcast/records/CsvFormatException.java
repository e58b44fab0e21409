package io.tickcast.records;

/** A CSV row that cannot be read, named by file and line. */
public final class CsvFormatException extends IllegalArgumentException {

    public CsvFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
