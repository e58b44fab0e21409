package io.tickcast.settings;

/** What a configuration key's definition may add to its name, type, default, rule and meaning. */
public sealed interface KeyNote {

    /** The name the key had before: still read, with a warning that names the new one. */
    record OldName(String name) implements KeyNote {
    }

    /** Where the user docs say more: a label and a page of docs/, e.g. {@code operations.md#latency}. */
    record See(String label, String page) implements KeyNote {
    }

    static KeyNote was(String oldName) {
        return new OldName(oldName);
    }

    static KeyNote see(String label, String page) {
        return new See(label, page);
    }
}
