package io.tickcast.settings;

/**
 * The part of tickcast a configuration key acts in. A key's first word names its group ({@code lstm.window-size}
 * acts in the LSTM), except the Kafka group's keys, which keep the names Kafka's own clients and tools give them.
 */
public enum KeyGroup {
    KAFKA("Kafka", "", "the cluster, the application's id, its topics and its state directory, under the names Kafka's own "
            + "clients and tools give them; `kafka.*` passes any Kafka client setting through"),
    STREAM("Stream", "stream.", "the Kafka Streams topology that forecasts: its threads, what ends it, how it batches model "
            + "calls, its state stores' memory"),
    HTTP("HTTP server", "http.", "where the HTTP server (metrics, health probes, forecast queries) listens and is reached"),
    CLIENT("Command-line clients", "client.", "the commands' Kafka clients (`produce`, `consume`, `models`, and `run`'s "
            + "checks at start): how long they wait for the cluster"),
    LSTM("LSTM", "lstm.", "the window of closes the model reads, the network and how it is trained"),
    TRAINER("Trainer", "trainer.", "the trainer role: when it retrains, the history it keeps, its live check of the serving "
            + "model and the registry versions it keeps"),
    GATE("Gate", "gate.", "the training-time gate a new model must pass to be published (and the live figures it shows)"),
    INTERVAL("Prediction intervals", "interval.", "the intervals on every forecast: their levels and widths"),
    EVIDENCE("Live evidence", "evidence.", "the per-symbol tests on live forecasts that promote and demote the LSTM");

    private final String title;
    private final String prefix;
    private final String actsOn;

    KeyGroup(String title, String prefix, String actsOn) {
        this.title = title;
        this.prefix = prefix;
        this.actsOn = actsOn;
    }

    /** A heading for the group's keys. */
    public String title() {
        return title;
    }

    /** What every key of the group starts with ({@code lstm.}); empty for the Kafka group. */
    public String prefix() {
        return prefix;
    }

    /** What the group's keys act on, as a phrase (may hold {@code `code`}). */
    public String actsOn() {
        return actsOn;
    }
}
