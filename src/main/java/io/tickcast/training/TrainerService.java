package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.ParsedTick;
import io.tickcast.records.TickParser;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.topology.ModelSlot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer role. A feed thread reads the ticks topic from the beginning into a bounded
 * {@link TickHistory} and keeps reading; once it has caught up, a retraining is started whenever the
 * schedule says so (no model yet, {@code trainer.every-ticks} new ticks, or {@code trainer.interval}
 * elapsed with new ticks). Trainings run one at a time on the single {@code tickcast-trainer} thread,
 * never on a stream thread; a promoted model is published to the registry topic, where every stream
 * instance picks it up.
 */
public final class TrainerService implements AutoCloseable {

    public static final String THREAD_NAME = "tickcast-trainer";
    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);

    private final TickcastConfig config;
    private final TrainingEvents events;
    private final Clock clock;
    private final TickHistory history;
    private final ModelSlot registryView;
    private final ModelFollower follower;
    private final ModelPublisher publisher;
    private final KafkaConsumer<byte[], byte[]> ticks;
    private final ExecutorService trainingThread;
    private final Thread feedThread;
    private final AtomicBoolean training = new AtomicBoolean();
    private final AtomicLong newTicks = new AtomicLong();
    private volatile Instant lastAttemptAt;
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private volatile RetrainCycle.Attempt lastAttempt;

    public TrainerService(TickcastConfig config, TrainingEvents events, Clock clock) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        TickcastConfig.Trainer t = config.trainer();
        this.history = new TickHistory(t.historyDays(), t.maxHistoryTicks());
        this.registryView = new ModelSlot(config.windowSize());
        Properties client = config.kafkaClientProperties();
        this.follower = new ModelFollower(client, config.topics().models(), registryView, config.lstm(), RegistryEvents.NONE);
        this.publisher = new ModelPublisher(client, config.topics().models());
        this.ticks = new KafkaConsumer<>(ClientSettings.groupFreeReader(client), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.trainingThread = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, THREAD_NAME);
            th.setDaemon(true);
            return th;
        });
        this.feedThread = new Thread(this::feed, "tickcast-trainer-feed");
        this.feedThread.setDaemon(true);
    }

    public void start() {
        lastAttemptAt = clock.instant();
        follower.start();
        feedThread.start();
    }

    /** Starts a retraining now unless one is running; completes with its attempt (or null if one was running). */
    public CompletableFuture<RetrainCycle.Attempt> retrainNow() {
        if (!training.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(this::retrain, trainingThread);
    }

    public RetrainCycle.Attempt lastAttempt() {
        return lastAttempt;
    }

    /** True once the feed has read the ticks topic to the end it had at start. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True while the feed thread reads the ticks topic (false before start and after it stopped or failed). */
    public boolean feedAlive() {
        return feedThread.isAlive();
    }

    /** True if the feed was started and has ended without being closed (it failed). */
    public boolean feedStopped() {
        return feedThread.getState() == Thread.State.TERMINATED && !closed;
    }

    private RetrainCycle.Attempt retrain() {
        try {
            if (Thread.currentThread().getName().contains("StreamThread")) {
                throw new IllegalStateException("training must never run on a stream thread");
            }
            newTicks.set(0);
            lastAttemptAt = clock.instant();
            follower.awaitCaughtUp(Duration.ofSeconds(60));
            ModelSlot.Versioned current = registryView.current();
            TickcastConfig.Trainer t = config.trainer();
            RetrainCycle.Attempt attempt = RetrainCycle.run(history.snapshot(), config.lstm(), t.validationFraction(),
                    t.minWindows(), current == null ? null : current.model(), follower.maxVersion() + 1, clock,
                    LstmTrainer.EpochListener.NONE);
            if (attempt.outcome() == RetrainCycle.Outcome.PROMOTED) {
                publisher.publish(attempt.record());
                attempt.model().close(); // instances load it from the registry, this trainer too
                LOG.info("training promoted model v{} in {} ms: {}", attempt.record().version(),
                        attempt.duration().toMillis(), attempt.detail());
            } else {
                LOG.info("training {} in {} ms: {}", attempt.outcome().label(), attempt.duration().toMillis(), attempt.detail());
            }
            events.trainingRun(attempt.outcome().label(), attempt.duration(), attempt.ratioToNaive());
            lastAttempt = attempt;
            return attempt;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            LOG.error("training failed: {}", e.getMessage(), e);
            events.trainingRun(RetrainCycle.Outcome.FAILED.label(), Duration.ZERO, Double.NaN);
            throw e;
        } finally {
            training.set(false);
        }
    }

    private void feed() {
        String topic = config.topics().ticks();
        try {
            List<TopicPartition> partitions = ClientSettings.assignAll(ticks, topic, true);
            Map<TopicPartition, Long> end = ticks.endOffsets(partitions);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : ticks.poll(Duration.ofMillis(500))) {
                    ParsedTick parsed = TickParser.parse(r.value());
                    if (parsed.isValid()) { // the stream dead-letters the rest
                        history.add(parsed.tick());
                        newTicks.incrementAndGet();
                    }
                }
                if (!caughtUp && ClientSettings.reached(ticks, end)) {
                    caughtUp = true;
                    LOG.info("trainer read the ticks topic to its end: {} ticks in history", history.size());
                }
                if (caughtUp && due()) {
                    retrainNow();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("trainer feed stopped: {}", e.getMessage(), e);
        } finally {
            ticks.close();
        }
    }

    private boolean due() {
        TickcastConfig.Trainer t = config.trainer();
        return !training.get() && new RetrainSchedule(t.interval(), t.everyTicks()).due(registryView.current() != null,
                lastAttempt != null, newTicks.get(), Duration.between(lastAttemptAt, clock.instant()));
    }

    @Override
    public void close() {
        closed = true;
        ticks.wakeup();
        try {
            feedThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        trainingThread.shutdownNow();
        try {
            trainingThread.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
        publisher.close();
    }
}
