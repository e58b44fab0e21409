package io.tickcast.registry;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import io.tickcast.kafka.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * The trainer's writer to the registry topic: a transactional producer under one fixed transactional id, so that
 * only one trainer publishes. A producer that takes the id ({@link #claim}) fences the one that had it before:
 * Kafka refuses the older one's next transaction, it throws {@link Fenced}, and it stays fenced (it never takes the
 * id back by itself). Each publish is one transaction, the new record followed by the tombstones of the versions
 * deleted with it, which read_committed readers see together or not at all. Thread-safe; one transaction at a time.
 */
public final class TransactionalPublisher implements AutoCloseable {

    /** Another producer took this publisher's transactional id: it never publishes again. */
    public static final class Fenced extends RuntimeException {
        Fenced(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Properties settings;
    private final String topic;
    private final String transactionalId;
    private KafkaProducer<String, byte[]> producer;
    private volatile Fenced fenced;

    public TransactionalPublisher(Properties clientProperties, String topic, String transactionalId) {
        this.settings = ClientSettings.durableProducer(clientProperties);
        this.settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        this.topic = topic;
        this.transactionalId = transactionalId;
    }

    public String transactionalId() {
        return transactionalId;
    }

    /** Why this publisher cannot publish any more (null while it can). */
    public Fenced fenced() {
        return fenced;
    }

    /**
     * Takes the transactional id unless this publisher holds it already, fencing any other producer under it.
     *
     * @throws Fenced if another producer has taken it from this one
     * @throws RuntimeException if Kafka cannot be reached (a later call tries again)
     */
    public synchronized void claim() {
        producer();
    }

    /**
     * Checks that no other producer has taken the id: a transaction that adds an offset of the registry partition
     * (for a group named by the transactional id) and is aborted, so nothing is written. The transaction
     * coordinator refuses it to a fenced producer.
     *
     * @throws Fenced if another producer has taken the id
     */
    public synchronized void checkStillOwner() {
        inTransaction(p -> {
            p.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0, "ownership check")),
                    new ConsumerGroupMetadata(transactionalId));
            p.abortTransaction();
        });
    }

    /**
     * Publishes {@code record} and tombstones for {@code deleteVersions}, in one transaction.
     *
     * @throws Fenced if another producer has taken the id (nothing was published)
     */
    public synchronized void publish(ModelRecord record, Collection<Long> deleteVersions) {
        inTransaction(p -> {
            p.send(ModelPublisher.recordOf(topic, record));
            for (long v : deleteVersions) {
                p.send(new ProducerRecord<>(topic, ModelRecord.key(v), null));
            }
            p.commitTransaction();
        });
    }

    /** Begins a transaction and hands it over; it must commit or abort it. */
    private void inTransaction(Consumer<KafkaProducer<String, byte[]>> body) {
        KafkaProducer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            body.accept(p);
        } catch (RuntimeException e) {
            if (isFencing(e)) {
                throw fence(e);
            }
            abortOrDiscard(p);
            throw new IllegalStateException("cannot publish to the model registry " + topic + ": " + e.getMessage(), e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (fenced != null) {
            throw fenced;
        }
        if (producer == null) {
            KafkaProducer<String, byte[]> p = ModelPublisher.producer(settings);
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                if (isFencing(e)) {
                    throw fence(e);
                }
                throw e;
            }
            producer = p;
        }
        return producer;
    }

    /** Aborts after a failure that was not fencing; a producer that cannot abort is replaced on the next call. */
    private void abortOrDiscard(KafkaProducer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException e) {
            if (isFencing(e)) {
                throw fence(e);
            }
            p.close(Duration.ZERO);
            producer = null;
        }
    }

    private Fenced fence(RuntimeException e) {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        fenced = new Fenced("another producer took the transactional id '" + transactionalId + "' of the model registry "
                + topic + " (" + e.getMessage() + ")", e);
        return fenced;
    }

    private static boolean isFencing(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ProducerFencedException || c instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
