package io.tickcast.kafka;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A single-node Kafka broker running in this JVM on 127.0.0.1, as {@code tickcast demo} uses it. The service's own
 * code does not hold one and cannot compile against one: the broker ({@code kafka_2.13}, {@code kafka-server}) is a
 * test-scope dependency, and its implementation lives in {@code src/broker}, packaged as
 * {@code target/demo-lib/tickcast-broker.jar} next to the jars it needs. Whoever puts that directory on the class
 * path (the {@code ./tickcast} launcher does; the container image does not) makes a {@link Starter} available here,
 * found with {@link ServiceLoader}.
 */
public interface InProcessBroker extends AutoCloseable {

    /** The broker's PLAINTEXT listener, {@code 127.0.0.1:PORT}. */
    String bootstrapServers();

    /** Stops the broker and deletes its data. */
    @Override
    void close();

    /** Starts a broker with a fresh log directory; registered in {@code META-INF/services}. */
    interface Starter {

        /** Returns once the broker accepts connections. */
        InProcessBroker start();
    }

    /** The broker's starter, if the class path carries one. */
    static Optional<Starter> starter() {
        return starter(InProcessBroker.class.getClassLoader());
    }

    /**
     * The starter registered on {@code loader}'s class path, if any. A registration whose classes cannot be loaded
     * (the broker jar without the jars it needs) counts as none.
     */
    static Optional<Starter> starter(ClassLoader loader) {
        try {
            return ServiceLoader.load(Starter.class, loader).findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            return Optional.empty();
        }
    }
}
