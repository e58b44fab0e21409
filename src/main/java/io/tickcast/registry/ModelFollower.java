package io.tickcast.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tickcast.config.LstmConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.lstm.InvalidModelException;
import io.tickcast.lstm.LstmModel;
import io.tickcast.topology.ModelSlot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the model registry topic and keeps a {@link ModelSlot} on its newest valid record: the record
 * read last is the current model (so publishing an older version again rolls back to it). On start it
 * reads the topic to its end and installs the newest valid model once, so a restarted instance serves the
 * latest model without retraining. A corrupt or incompatible record is logged and counted, and the model
 * in place keeps serving. Runs on its own thread; stream threads see a swap between two forecasts.
 */
public final class ModelFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final ModelSlot slot;
    private final LstmConfig trainingDefaults;
    private final RegistryEvents events;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile ModelRecord current;
    private volatile long maxVersion;

    public ModelFollower(Properties clientProperties, String topic, ModelSlot slot, LstmConfig trainingDefaults,
                         RegistryEvents events) {
        Properties p = ClientSettings.groupFreeReader(clientProperties);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.slot = slot;
        this.trainingDefaults = trainingDefaults;
        this.events = events;
        this.thread = new Thread(this::loop, "tickcast-model-follower");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the topic has been read to the end once (and its newest valid model installed). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True if the follower was started and its thread has ended without being closed (it failed). */
    public boolean stopped() {
        return thread.getState() == Thread.State.TERMINATED && !closed;
    }

    /** The highest version any decodable record in the registry carries (0 if none): the next is one more. */
    public long maxVersion() {
        return maxVersion;
    }

    /** The record of the model being served, or null. */
    public ModelRecord current() {
        return current;
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = ClientSettings.assignAll(consumer, topic, true);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Loaded newest = null;
            while (!closed && !ClientSettings.reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Loaded valid = load(r);
                    if (valid != null) {
                        if (newest != null) {
                            newest.model().close();
                        }
                        newest = valid;
                    }
                }
            }
            if (newest != null) {
                install(newest);
            }
            LOG.info("model registry {} read to its end; serving {}", topic,
                    current == null ? "no model yet (naive forecasts)" : "model v" + current.version());
            caughtUp.countDown();
            while (!closed) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Loaded valid = load(r);
                    if (valid != null) {
                        install(valid);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("model follower stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    private record Loaded(ModelRecord record, LstmModel model) {
    }

    /** Decodes and loads a record's model, or rejects it (logged and counted) and returns null. */
    private Loaded load(ConsumerRecord<String, byte[]> r) {
        try {
            ModelRecord record = ModelRecordCodec.decode(r.value());
            maxVersion = Math.max(maxVersion, record.version());
            LstmModel model = LstmModel.fromBytes(record.model(), trainingDefaults);
            if (model.window() != slot.window()) {
                model.close();
                throw new ModelRecordCodec.InvalidRecordException("incompatible", "window " + model.window()
                        + " does not match the stream's window " + slot.window());
            }
            return new Loaded(record, model);
        } catch (ModelRecordCodec.InvalidRecordException e) {
            reject(r, e.reason(), e.getMessage());
        } catch (InvalidModelException e) {
            reject(r, "damaged", e.getMessage());
        }
        return null;
    }

    private void reject(ConsumerRecord<String, byte[]> r, String reason, String message) {
        LOG.warn("rejected model registry record {} at offset {} ({}): {}; the current model keeps serving",
                r.key(), r.offset(), reason, message);
        events.modelRejected(reason);
    }

    private void install(Loaded loaded) {
        ModelRecord record = loaded.record();
        slot.install(loaded.model(), record.version());
        current = record;
        events.modelInstalled(record.version(), record.createdAt());
        LOG.info("now serving model v{} (created {}, validation RMSE ratio to naive {})", record.version(),
                record.createdAt(), record.validation() == null ? "n/a" : String.format("%.4f", record.validation().ratioToNaive()));
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
