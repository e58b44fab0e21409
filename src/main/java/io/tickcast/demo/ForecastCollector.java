package io.tickcast.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tickcast.client.ForecastReader;
import io.tickcast.records.Forecast;

/**
 * Reads the forecasts topic on a thread of its own while the demo runs, keeping every forecast; prints those of the
 * test days ({@code scoredFrom} on, per symbol) as they arrive when asked to.
 */
final class ForecastCollector implements AutoCloseable {

    private final List<Forecast> all = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread reader;
    private int handedOut;

    ForecastCollector(Properties client, String topic, Map<String, LocalDate> scoredFrom, PrintStream printTo) {
        this.reader = new Thread(() -> {
            try (ForecastReader r = new ForecastReader(client, topic, true)) {
                while (!stop.get()) {
                    r.poll(Duration.ofMillis(200), f -> {
                        if (printTo != null && !f.asOf().isBefore(scoredFrom.getOrDefault(f.symbol(), LocalDate.MIN))) {
                            printTo.println(ForecastLine.format(f));
                        }
                        synchronized (all) {
                            all.add(f);
                            all.notifyAll();
                        }
                    });
                }
            }
        }, "demo-forecast-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until {@code count} forecasts have arrived in all (at most {@code timeout}) and returns those that arrived
     * since the last call.
     *
     * @throws IllegalStateException if they do not arrive in time
     */
    List<Forecast> awaitCount(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (all) {
            while (all.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("only " + all.size() + " of " + count + " forecasts arrived within "
                            + timeout);
                }
                all.wait(Math.max(1, left / 1_000_000));
            }
            List<Forecast> fresh = new ArrayList<>(all.subList(handedOut, all.size()));
            handedOut = all.size();
            return fresh;
        }
    }

    /** Every forecast so far. */
    List<Forecast> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        reader.join(10_000);
    }
}
