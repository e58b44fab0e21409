package io.tickcast.config;

import java.util.Optional;

/**
 * One setting's value as given (not yet parsed), where it came from, and the old name it was given under, if it was.
 *
 * @param oldName the key's old name when the value was set under it (in a file, {@code --set} or as the old
 *                name's environment variable)
 */
public record Setting(String value, SettingSource source, Optional<String> oldName) {

    /** Where the value came from, for messages: "set in config file a.properties as window.size", ... */
    public String origin() {
        return source.describe() + (oldName.isPresent() && !(source instanceof SettingSource.Environment)
                ? " as " + oldName.get() : "");
    }

    public boolean isDefault() {
        return source instanceof SettingSource.Default;
    }
}
