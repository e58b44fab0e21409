package io.tickcast.kafka;

import io.tickcast.TestPhase;
import io.tickcast.broker.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real in-process Kafka broker per test class: {@code @RegisterExtension static final KafkaBroker kafka =
 * new KafkaBroker();}. It starts before the class's {@code @BeforeAll} methods and stops after its
 * {@code @AfterAll} methods.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestPhase.requireIntegration("a Kafka broker");
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops the broker, keeping its data (see {@link EmbeddedKafka#stop()}). */
    public void stop() {
        kafka.stop();
    }

    /** Starts the stopped broker again on the same port with its data; nothing if it runs. */
    public void restart() {
        kafka.restart();
    }
}
