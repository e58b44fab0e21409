package io.tickcast.config;

import java.nio.file.Path;

/** Where a setting's value came from, lowest precedence first: the default, a file, the environment, the command line. */
public sealed interface SettingSource {

    /** As messages say it: "the default", "set in config file app.properties", ... */
    String describe();

    record Default() implements SettingSource {
        @Override
        public String describe() {
            return "the default";
        }
    }

    record File(Path path) implements SettingSource {
        @Override
        public String describe() {
            return "set in config file " + path;
        }
    }

    /** @param variable the variable's name, e.g. {@code TICKCAST_TOPIC_TICKS} */
    record Environment(String variable) implements SettingSource {
        @Override
        public String describe() {
            return "set by environment variable " + variable;
        }
    }

    /** {@code --set}, and the options that stand for a setting ({@code -b}, {@code -X}). */
    record CommandLine() implements SettingSource {
        @Override
        public String describe() {
            return "set on the command line";
        }
    }
}
