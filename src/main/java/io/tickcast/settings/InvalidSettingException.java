package io.tickcast.settings;

/**
 * A setting whose value is not allowed: the message names the key, the value and what is allowed (e.g.
 * {@code trainer.validation-fraction must be between 0 and 1 (exclusive), was 2.0}); {@link TickcastConfig#load}
 * adds where the value came from.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final transient ConfigKey key;

    public InvalidSettingException(ConfigKey key, String rule, Object value) {
        this(key, key.key() + " " + rule + ", was " + value);
    }

    private InvalidSettingException(ConfigKey key, String message) {
        super(message);
        this.key = key;
    }

    /** The key whose value is not allowed. */
    public ConfigKey key() {
        return key;
    }

    /** This error with {@code where} (e.g. "set in config file app.properties") after its message. */
    public InvalidSettingException from(String where) {
        return new InvalidSettingException(key, getMessage() + " (" + where + ")");
    }

    /** Throws one for {@code key} unless {@code ok}. */
    public static void check(boolean ok, ConfigKey key, String rule, Object value) {
        if (!ok) {
            throw new InvalidSettingException(key, rule, value);
        }
    }
}
