package io.tickcast.records;

import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The field rules of a tick (docs/topics-and-records.md, "Tick validity"), applied to a parsed JSON object in this order: no
 * unknown field, then symbol, date, close, open, high, low, volume. A JSON {@code null} is an absent field.
 */
final class TickFields {

    /** Exactly {@code yyyy-MM-dd} with ASCII digits, a real calendar day. */
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    /** Most unknown field names listed in a detail. */
    private static final int SHOWN_FIELDS = 5;

    private TickFields() {
    }

    /** The first rule the object breaks, thrown. */
    static final class Rejected extends Exception {
        private final RejectReason reason;

        Rejected(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        RejectReason reason() {
            return reason;
        }
    }

    static Tick read(JsonNode object) throws Rejected {
        rejectUnknownFields(object);
        String symbol = symbol(object.get("symbol"));
        LocalDate date = date(object.get("date"));
        double close = price(object, "close", RejectReason.BAD_CLOSE);
        Double open = optionalPrice(object, "open", RejectReason.BAD_OPEN);
        Double high = optionalPrice(object, "high", RejectReason.BAD_HIGH);
        Double low = optionalPrice(object, "low", RejectReason.BAD_LOW);
        Long volume = volume(object.get("volume"));
        return new Tick(symbol, date, close, open, high, low, volume);
    }

    private static void rejectUnknownFields(JsonNode object) throws Rejected {
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!TickLimits.FIELDS.contains(name)) {
                unknown.add("'" + DetailText.quoted(name) + "'");
            }
        });
        if (!unknown.isEmpty()) {
            String listed = String.join(", ", unknown.subList(0, Math.min(unknown.size(), SHOWN_FIELDS)))
                    + (unknown.size() > SHOWN_FIELDS ? " and " + (unknown.size() - SHOWN_FIELDS) + " more" : "");
            throw new Rejected(RejectReason.UNKNOWN_FIELD, "unknown field" + (unknown.size() > 1 ? "s " : " ") + listed
                    + "; a tick has only " + String.join(", ", TickLimits.FIELDS));
        }
    }

    private static String symbol(JsonNode node) throws Rejected {
        if (isAbsent(node) || (node.isTextual() && node.asText().isBlank())) {
            throw new Rejected(RejectReason.MISSING_SYMBOL, "symbol is missing or blank");
        }
        if (!node.isTextual()) {
            throw new Rejected(RejectReason.BAD_SYMBOL, "symbol must be a string, was " + DetailText.quoted(node.toString()));
        }
        String symbol = node.asText();
        if (symbol.length() > TickLimits.MAX_SYMBOL_LENGTH) {
            throw new Rejected(RejectReason.BAD_SYMBOL, "symbol has " + symbol.length() + " characters, more than the limit of "
                    + TickLimits.MAX_SYMBOL_LENGTH + ": " + DetailText.quoted(symbol));
        }
        for (int i = 0; i < symbol.length(); i++) {
            if (!TickLimits.isSymbolChar(symbol.charAt(i))) {
                throw new Rejected(RejectReason.BAD_SYMBOL, "symbol " + DetailText.quoted(node.toString())
                        + " has a character other than ASCII letters, digits and " + TickLimits.SYMBOL_PUNCTUATION + " at index " + i);
            }
        }
        return symbol;
    }

    private static LocalDate date(JsonNode node) throws Rejected {
        if (isAbsent(node) || !node.isTextual()) {
            throw new Rejected(RejectReason.BAD_DATE, "date is missing or not a string");
        }
        try {
            return LocalDate.parse(node.asText(), DATE);
        } catch (DateTimeParseException e) {
            throw new Rejected(RejectReason.BAD_DATE, "date is not an ISO date (yyyy-MM-dd): " + DetailText.quoted(node.asText()));
        }
    }

    private static double price(JsonNode object, String field, RejectReason reason) throws Rejected {
        JsonNode node = object.get(field);
        if (isAbsent(node) || !node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() <= 0) {
            throw new Rejected(reason, field + " must be a finite number > 0, was "
                    + (node == null ? "missing" : DetailText.quoted(node.toString())));
        }
        return node.asDouble();
    }

    private static Double optionalPrice(JsonNode object, String field, RejectReason reason) throws Rejected {
        return isAbsent(object.get(field)) ? null : price(object, field, reason);
    }

    private static Long volume(JsonNode node) throws Rejected {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new Rejected(RejectReason.BAD_VOLUME, "volume must be a whole number from 0 to " + Long.MAX_VALUE
                    + " (no fraction or exponent), was " + DetailText.quoted(node.toString()));
        }
        return node.asLong();
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}
