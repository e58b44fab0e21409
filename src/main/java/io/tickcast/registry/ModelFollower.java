package io.tickcast.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.errors.Causes;
import io.tickcast.kafka.AccessDenied;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the model registry topic and keeps a {@link ModelSlot} on its newest valid record: the record read
 * last says what to serve (a model, or the naive forecast after a demotion), so publishing an older version
 * again rolls back to it. On start it reads the topic to its end, decoding each record's metadata but loading
 * no model, then loads just the newest valid one (the one before it if that fails, and so on), so a restarted
 * instance serves the latest model without retraining, however many versions the registry holds. A corrupt or
 * incompatible record is logged and counted, and what is in place keeps serving; a tombstone (a version the
 * trainer deleted) is skipped quietly. Runs on its own thread; stream threads see a swap between two forecasts.
 *
 * <p>A registry that cannot be read (the topic does not exist yet, the broker is away) is retried with a
 * growing pause; {@link #failingSince()} says since when, for the probes.
 *
 * <p>What a record serves is {@link ServingTerms}'s; putting it in service, {@link SlotInstaller}'s.
 */
public final class ModelFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    /** For naming the principal when the registry refuses it (never logged itself: it holds the credentials). */
    private final Properties clientProperties;
    private final String topic;
    private final ModelSlot slot;
    private final RegistryEvents events;
    private final Clock clock;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    /** What the registry holds: the newest record under each key (metadata and bytes, a few KB each). */
    private final RegistryState state = new RegistryState();
    private final SlotInstaller installer;
    private final AtomicLong recordsRead = new AtomicLong();
    private volatile boolean closed;
    private volatile Instant failingSince;
    private volatile String lastError;
    private volatile RuntimeException lastFailure;

    public ModelFollower(Properties clientProperties, String topic, ModelSlot slot, LstmConfig trainingDefaults,
                         RegistryEvents events) {
        this(clientProperties, topic, slot, trainingDefaults, events, Clock.systemUTC());
    }

    public ModelFollower(Properties clientProperties, String topic, ModelSlot slot, LstmConfig trainingDefaults,
                         RegistryEvents events, Clock clock) {
        this.consumer = RegistryReader.consumer(clientProperties);
        this.clientProperties = clientProperties;
        this.topic = topic;
        this.slot = slot;
        this.events = events;
        this.clock = clock;
        this.installer = new SlotInstaller(slot, trainingDefaults, events);
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

    /** True once the topic has been read to the end it had when this follower started. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** True if the follower was started and its thread has ended without being closed (it failed). */
    public boolean stopped() {
        return thread.getState() == Thread.State.TERMINATED && !closed;
    }

    /** Since when the registry cannot be read (null while it can), and the last error. */
    public Instant failingSince() {
        return failingSince;
    }

    public String lastError() {
        return lastError;
    }

    /** The last failure to read the registry, with its causes (null while it can be read). */
    public RuntimeException lastFailure() {
        return lastFailure;
    }

    /** Records (tombstones included) read from the registry so far: grows while a read makes progress. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** The highest version any record or key in the registry names (0 if none): the next is one more. */
    public long maxVersion() {
        return state.maxVersion();
    }

    /** The record being served (a model, or naive after a demotion), or null if the registry has none. */
    public ModelRecord current() {
        return installer.current();
    }

    /** Versions a demotion took out of service: never served again by the trainer's choice. */
    public Set<Long> demoted() {
        return state.demoted();
    }

    /**
     * The LSTM records the registry holds, one per version, oldest version first: decoded, but their model bytes
     * are checked only when one is loaded (the served one, or a fallback the trainer picks).
     */
    public List<ModelRecord> versions() {
        return state.models();
    }

    /** The versions the registry holds a record for (deleted ones are gone), ascending. */
    public NavigableSet<Long> presentVersions() {
        return state.versions();
    }

    /** The slot this follower keeps on the registry's newest valid record. */
    public ModelSlot slot() {
        return slot;
    }

    /** How many models this follower has loaded (deserialised for the engine) so far, successfully or not. */
    public long modelLoads() {
        return installer.modelLoads();
    }

    /** How many records this follower has installed (put in service: a model, or the naive forecast) so far. */
    public long installs() {
        return installer.installs();
    }

    private void loop() {
        try {
            followWithRetries();
        } finally {
            consumer.close();
        }
    }

    private void followWithRetries() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            try {
                follow();
                return;
            } catch (WakeupException e) {
                return; // closing
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                lastFailure = e;
                RuntimeException denied = AccessDenied.find(e);
                lastError = denied == null ? Causes.chain(e)
                        : AccessDenied.describe(denied, clientProperties, null) + " (it needs READ on " + topic + ")";
                LOG.warn("cannot read the model registry {}: {}; retrying in {} ms", topic, lastError, backoff.toMillis());
                events.registryReadFailed();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void follow() {
        if (!caughtUp()) {
            catchUp();
        }
        while (!closed) {
            for (ConsumerRecord<String, byte[]> r : poll(Duration.ofMillis(500))) {
                RegistryState.Entry entry = read(r);
                SlotInstaller.Loaded valid = entry == null || !entry.decoded() ? null : installer.load(entry);
                if (valid != null) {
                    installer.install(valid);
                }
            }
            healthy();
        }
    }

    /**
     * Reads from the beginning to the end the topic has now, decoding metadata only, then loads the newest record
     * that loads (walking back from the newest) and installs it.
     */
    private void catchUp() {
        List<TopicPartition> partitions = ClientSettings.assignAll(consumer, topic, true);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!closed && !ClientSettings.reached(consumer, end)) {
            for (ConsumerRecord<String, byte[]> r : poll(Duration.ofMillis(200))) {
                read(r);
            }
        }
        healthy();
        List<RegistryState.Entry> entries = state.entries();
        SlotInstaller.Loaded newest = null;
        for (int i = entries.size() - 1; i >= 0 && newest == null && !closed; i--) {
            if (entries.get(i).decoded()) {
                newest = installer.load(entries.get(i));
            }
        }
        if (newest != null) {
            installer.install(newest);
        }
        ModelRecord current = installer.current();
        LOG.info("model registry {} read to its end; serving {}", topic, current == null
                ? "the naive forecast (" + slot.naiveReason() + ")" : ServingTerms.describe(current));
        caughtUp.countDown();
    }

    private List<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new java.util.ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    private void healthy() {
        if (failingSince != null) {
            LOG.info("model registry {} readable again", topic);
        }
        failingSince = null;
        lastError = null;
        lastFailure = null;
    }

    /**
     * Decodes a record into the registry state; one that cannot be decoded is rejected (logged and counted). A
     * tombstone (a version the trainer deleted) just deletes its key: nothing to serve, nothing to count.
     *
     * @return the record's entry, or null for a tombstone
     */
    private RegistryState.Entry read(ConsumerRecord<String, byte[]> r) {
        recordsRead.incrementAndGet();
        RegistryState.Entry entry = state.add(r.offset(), r.key(), r.value());
        if (entry != null && !entry.decoded()) {
            installer.reject(entry, entry.reason(), entry.error());
        }
        return entry;
    }

    private void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (!closed && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
