package io.tickcast.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The values a configuration key allows, beyond its {@link ValueType}: made by the factories below, so that what a
 * rule says ({@link #allowed()}, for the reference; {@link #error()}, for the message) and what it checks come from
 * the same bounds. A rule of a list-valued key applies to each element. Rules that relate two keys (such as
 * {@code trainer.max-history-ticks >= trainer.history-days}) are checked by the record that holds both.
 *
 * @param allowed what is allowed, as the reference shows it (e.g. {@code >= 1}); empty: any value of the type
 * @param error   the message's rule (e.g. {@code must be >= 1})
 */
public record Rule(String allowed, String error, Predicate<Object> test) {

    /** Any value of the key's type. */
    public static final Rule ANY = new Rule("", "", v -> true);

    /** Throws an {@link InvalidSettingException} naming {@code key} unless {@code value} (each, of a list) is allowed. */
    public void check(ConfigKey key, Object value) {
        Collection<?> values = value instanceof Collection<?> c ? c : List.of(value);
        for (Object v : values) {
            if (!test.test(v)) {
                throw new InvalidSettingException(key, error, v instanceof String s ? "'" + s + "'" : v);
            }
        }
    }

    public static Rule atLeast(long min) {
        return numeric(">= " + min, x -> x >= min);
    }

    /** {@code min..max}, both included. */
    public static Rule range(long min, long max) {
        return numeric(min + ".." + max, x -> x >= min && x <= max);
    }

    public static Rule betweenExclusive(double low, double high) {
        return numeric("between " + text(low) + " and " + text(high) + " (exclusive)", x -> x > low && x < high);
    }

    /** Both bounds included; {@code unit} (may be empty) follows them. */
    public static Rule between(double low, double high, String unit) {
        return numeric("between " + text(low) + " and " + text(high) + unit, x -> x >= low && x <= high);
    }

    public static Rule aboveAndAtMost(double low, double high) {
        return numeric("> " + text(low) + " and <= " + text(high), x -> x > low && x <= high);
    }

    public static Rule atLeastAndBelow(double low, double high) {
        return numeric("at least " + text(low) + " and below " + text(high), x -> x >= low && x < high);
    }

    public static Rule positiveFinite() {
        return new Rule("> 0, finite", "must be a finite number > 0", v -> {
            double x = ((Number) v).doubleValue();
            return x > 0 && Double.isFinite(x);
        });
    }

    public static Rule notNegative() {
        return new Rule("not negative", "must not be negative", v -> !((Duration) v).isNegative());
    }

    public static Rule positive() {
        return new Rule("positive", "must be positive", v -> ((Duration) v).compareTo(Duration.ZERO) > 0);
    }

    public static Rule atLeast(Duration min) {
        return new Rule("at least " + min, "must be at least " + min, v -> ((Duration) v).compareTo(min) >= 0);
    }

    public static Rule between(Duration min, Duration max) {
        return new Rule("between " + min + " and " + max, "must be between " + min + " and " + max,
                v -> ((Duration) v).compareTo(min) >= 0 && ((Duration) v).compareTo(max) <= 0);
    }

    /** One of {@code words}, e.g. {@code per-symbol or pooled}. */
    public static Rule oneOf(String... words) {
        List<String> all = List.of(words);
        String text = String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        return new Rule(text, "must be " + text, all::contains);
    }

    /** Each element of a list between the bounds, both excluded. */
    public static Rule eachBetweenExclusive(double low, double high) {
        String text = "between " + text(low) + " and " + text(high) + " (exclusive)";
        return new Rule("each " + text, "must each be " + text, v -> ((Double) v) > low && ((Double) v) < high);
    }

    private static Rule numeric(String text, java.util.function.DoublePredicate test) {
        return new Rule(text, "must be " + text, v -> test.test(((Number) v).doubleValue()));
    }

    /** {@code 0.5}, {@code 1}, {@code 1000}: as written in a setting. */
    private static String text(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
