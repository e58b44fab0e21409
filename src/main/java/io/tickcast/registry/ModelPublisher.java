package io.tickcast.registry;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tickcast.errors.Causes;
import io.tickcast.kafka.ClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes model records to the registry topic with a plain idempotent producer and waits for the broker's
 * acknowledgement: for operators' tools ({@code models rollback}, the initial model of {@code run}) and tests. Its
 * records are not part of a transaction, so read_committed followers see them at once, and it neither fences nor
 * is fenced by the trainer's {@link TransactionalPublisher}.
 */
public final class ModelPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String servers;

    public ModelPublisher(Properties clientProperties, String topic) {
        this.producer = producer(ClientSettings.durableProducer(clientProperties));
        this.topic = topic;
        this.servers = clientProperties.getProperty("bootstrap.servers");
    }

    /** A producer of registry records (room for a large model) with these settings. */
    static KafkaProducer<String, byte[]> producer(Properties settings) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The Kafka record of a registry record: its version's key, its JSON. */
    static ProducerRecord<String, byte[]> recordOf(String topic, ModelRecord record) {
        return new ProducerRecord<>(topic, ModelRecord.key(record.version()), ModelRecordCodec.encode(record));
    }

    public void publish(ModelRecord record) {
        ProducerRecord<String, byte[]> r = recordOf(topic, record);
        send(r.key(), r.value());
    }

    /** Sends any bytes under a key: for operators' tools and for tests of rejection. */
    public void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a model", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to the model registry " + topic + " at " + servers + ": "
                    + Causes.chain(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot publish to the model registry " + topic + " at " + servers
                    + ": not acknowledged within 30 s", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
