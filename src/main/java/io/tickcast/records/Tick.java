package io.tickcast.records;

import java.time.LocalDate;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One daily price observation (record contract: {@code {"symbol":"DAX","date":"1991-07-01","close":1628.75}}
 * with optional {@code open}, {@code high}, {@code low}, {@code volume}). The constructor checks what every
 * tick needs (a non-blank symbol, a date, a finite close above 0); build ticks from untrusted bytes with
 * {@link TickParser}, which applies every rule and limit ({@link TickLimits}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tick(String symbol, LocalDate date, double close, Double open, Double high, Double low, Long volume) {

    public Tick {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is blank");
        }
        if (!Double.isFinite(close) || close <= 0) {
            throw new IllegalArgumentException("close must be a finite number > 0, was " + close);
        }
    }

    public static Tick of(String symbol, LocalDate date, double close) {
        return new Tick(symbol, date, close, null, null, null, null);
    }
}
