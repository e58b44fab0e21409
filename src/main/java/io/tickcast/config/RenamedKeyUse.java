package io.tickcast.config;

import io.tickcast.settings.ConfigKey;

/** A setting given under a key's old name: it still counts, and {@link #warning()} says what to call it now. */
public record RenamedKeyUse(ConfigKey key, String oldName, SettingSource source) {

    /** The warning logged, naming the old and the new name (as environment variables, when set by one). */
    public String warning() {
        if (source instanceof SettingSource.Environment e) {
            return "environment variable " + e.variable() + " is the old name of " + key.envVar() + " (" + key.key()
                    + "); it still works, but rename it " + key.envVar();
        }
        return "'" + oldName + "' (" + source.describe() + ") is the old name of '" + key.key() + "'; it still works, "
                + "but rename it '" + key.key() + "'";
    }
}
