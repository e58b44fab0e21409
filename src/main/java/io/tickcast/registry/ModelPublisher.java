package io.tickcast.registry;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tickcast.kafka.ClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes model records to the registry topic and waits for the broker's acknowledgement. */
public final class ModelPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public ModelPublisher(Properties clientProperties, String topic) {
        Properties p = ClientSettings.durableProducer(clientProperties);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public void publish(ModelRecord record) {
        send(ModelRecord.key(record.version()), ModelRecordCodec.encode(record));
    }

    /** Sends any bytes under a key: for operators' tools and for tests of rejection. */
    public void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a model", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to the model registry " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
