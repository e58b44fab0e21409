package io.tickcast.training;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.records.ParsedTick;
import io.tickcast.records.TickParser;
import io.tickcast.records.Tick;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's feed of the ticks topic: one thread that, once its {@link Rounds} let it, reads the topic from the
 * beginning and keeps reading, in rounds of one poll, handing each valid tick to the rounds (the stream
 * dead-letters the rest). It knows when it has read the topic to the end the topic had when it began
 * ({@link TrainerStatus.Feed#caughtUp()}).
 */
final class TickFeed implements AutoCloseable {

    /** What the trainer does in each round of the feed, all on the feed's thread. */
    interface Rounds {

        /** Before the feed reads: true once it may (waiting at most {@code wait}); asked again until it is. */
        boolean mayRead(Duration wait) throws InterruptedException;

        /** A round begins. */
        void beforePoll();

        /** A valid tick was read. */
        void tick(Tick tick);

        /** A round's ticks are all handed over; {@code caughtUp}: the topic has been read to its end once. */
        void afterPoll(boolean caughtUp);

        /** The feed ends (closed, or failed). */
        void ended();
    }

    private static final Logger LOG = LoggerFactory.getLogger(TickFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Rounds rounds;
    private final LongSupplier historyTicks;
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean closed;

    /** @param historyTicks how many ticks the history holds, for the log line that says the feed caught up */
    TickFeed(TickcastConfig config, Rounds rounds, LongSupplier historyTicks) {
        this.topic = config.topics().ticks();
        this.consumer = new KafkaConsumer<>(ClientSettings.groupFreeReader(config.kafkaClientProperties()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.rounds = rounds;
        this.historyTicks = historyTicks;
        this.thread = new Thread(this::run, "tickcast-trainer-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    TrainerStatus.Feed status() {
        TrainerStatus.FeedState state;
        if (thread.isAlive()) {
            state = TrainerStatus.FeedState.RUNNING;
        } else if (thread.getState() == Thread.State.NEW) {
            state = TrainerStatus.FeedState.NOT_STARTED;
        } else {
            state = closed ? TrainerStatus.FeedState.CLOSED : TrainerStatus.FeedState.FAILED;
        }
        return new TrainerStatus.Feed(state, caughtUp);
    }

    private void run() {
        try {
            while (!closed && !rounds.mayRead(POLL)) {
                // waits for what the rounds need first
            }
            List<TopicPartition> partitions = ClientSettings.assignAll(consumer, topic, true);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!closed) {
                rounds.beforePoll();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    ParsedTick parsed = TickParser.parse(r.value());
                    if (parsed.isValid()) {
                        rounds.tick(parsed.tick());
                    }
                }
                if (!caughtUp && ClientSettings.reached(consumer, end)) {
                    caughtUp = true;
                    LOG.info("trainer read the ticks topic to its end: {} ticks in history", historyTicks.getAsLong());
                }
                rounds.afterPoll(caughtUp);
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("trainer feed stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close();
            rounds.ended();
        }
    }

    /** Stops the feed (waiting up to 10 s for its thread). */
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
