package io.tickcast.cli;

/** How {@code consume} prints records. */
enum ConsoleFormat implements Spelled {
    /** A header line, then one aligned row per record. */
    TABLE("table"),
    /** One JSON value per line, nothing else on stdout. */
    JSON("json");

    private final String spelling;

    ConsoleFormat(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String spelling() {
        return spelling;
    }

    static final class Converter extends Spelled.Converter<ConsoleFormat> {
        Converter() {
            super(ConsoleFormat.class);
        }
    }
}
