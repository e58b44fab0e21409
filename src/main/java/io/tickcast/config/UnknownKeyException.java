package io.tickcast.config;

import io.tickcast.settings.ConfigKey;

/** A key tickcast does not know (a typo, most likely): an error naming the nearest key, not a silent no-op. */
final class UnknownKeyException extends IllegalArgumentException {

    /** @param where where the key was set (e.g. "set on the command line") */
    UnknownKeyException(String key, String where) {
        super("unknown configuration key '" + key + "' " + where + "; did you mean '" + ConfigSources.nearestKey(key)
                + "'? (keys: see docs/configuration.md or tickcast config; Kafka client settings take the prefix "
                + ConfigKey.KAFKA_PASSTHROUGH_PREFIX + ")");
    }
}
