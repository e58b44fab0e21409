package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.tickcast.config.TickcastConfig;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.serving.ModelSlot;

/**
 * The trainer role, put together from parts with one job each:
 * <ul>
 *   <li>{@link TickFeed}: a feed thread reads the ticks topic from the beginning into a bounded {@link TickHistory}
 *       and keeps reading (once the registry has been read to its end: the live check needs the model in service);</li>
 *   <li>{@link TrainingSchedule}: once the feed has caught up, a retraining is due when no model exists yet,
 *       {@code trainer.every-ticks} new ticks arrived, or {@code trainer.interval} elapsed with new ticks;</li>
 *   <li>{@link TrainingRunner}: trainings run one at a time on the single {@value TrainingRunner#THREAD_NAME}
 *       thread, never on a stream thread, each a gated {@link RetrainCycle};</li>
 *   <li>{@link ModelPublishing}: a candidate to publish goes to the registry topic, where every stream instance
 *       picks it up, under the next free version, in a transaction under the application's one trainer
 *       transactional id ({@link RegistryWriter}); a second trainer fences this one, which then stops training and
 *       publishing and says so ({@link #status()});</li>
 *   <li>{@link LiveCheck}: the feed scores the model in service on every new tick after its training data, and
 *       demotes a model that serves every symbol once the pooled anytime-valid test says it does not beat naive.</li>
 * </ul>
 */
public final class TrainerService implements AutoCloseable {

    /** The name of the one thread trainings run on. */
    public static final String THREAD_NAME = TrainingRunner.THREAD_NAME;

    private final TickcastConfig config;
    private final TickHistory history;
    private final ModelFollower follower;
    /** True when {@link #follower} is this trainer's own (role trainer), false when it shares the stream's. */
    private final boolean ownsFollower;
    private final ModelPublishing publishing;
    private final TrainingSchedule schedule;
    private final TrainingRunner runner;
    private final LiveCheck live;
    private final TickFeed feed;

    /**
     * A trainer with its own reader of the registry (role {@code trainer}: no stream in the process), which it
     * starts and closes; the reader reports into {@code registryEvents}.
     */
    public TrainerService(TickcastConfig config, TrainingEvents events, RegistryEvents registryEvents, Clock clock) {
        this(config, events, new ModelFollower(config.kafkaClientProperties(), config.topics().models(),
                new ModelSlot(config.windowSize()), config.lstm(), registryEvents, clock), true, clock);
    }

    public TrainerService(TickcastConfig config, TrainingEvents events, Clock clock) {
        this(config, events, RegistryEvents.NONE, clock);
    }

    /**
     * A trainer that shares the process's reader of the registry (role {@code all}: the stream's follower), so the
     * process reads the registry and loads each model once. Whoever owns {@code registry} starts it (this trainer's
     * feed waits until it has read the registry to its end) and closes it (after this trainer).
     */
    public static TrainerService sharing(TickcastConfig config, TrainingEvents events, ModelFollower registry, Clock clock) {
        return new TrainerService(config, events, registry, false, clock);
    }

    private TrainerService(TickcastConfig config, TrainingEvents events, ModelFollower follower, boolean ownsFollower,
                           Clock clock) {
        this.config = config;
        TickcastConfig.Trainer t = config.trainer();
        this.history = new TickHistory(t.historyDays(), t.maxHistoryTicks());
        this.follower = follower;
        this.ownsFollower = ownsFollower;
        this.publishing = new ModelPublishing(config, follower, events, clock);
        this.schedule = new TrainingSchedule(new RetrainSchedule(t.interval(), t.everyTicks()), clock);
        this.runner = new TrainingRunner(config, events, clock, history, follower.slot(), publishing, schedule);
        this.live = new LiveCheck(config, events, clock, history, follower, publishing);
        this.feed = new TickFeed(config, new FeedRounds(), history::size);
    }

    /** What the trainer does in each round of its feed. */
    private final class FeedRounds implements TickFeed.Rounds {

        @Override
        public boolean mayRead(Duration wait) throws InterruptedException {
            publishing.confirmOwnershipWhenDue(); // takes the transactional id at once, fencing an earlier trainer
            return follower.awaitCaughtUp(wait);
        }

        @Override
        public void beforePoll() {
            publishing.confirmOwnershipWhenDue();
            live.followServedModel();
        }

        @Override
        public void tick(Tick tick) {
            live.observe(tick);
            history.add(tick);
            schedule.tickRead();
        }

        @Override
        public void afterPoll(boolean caughtUp) {
            live.check();
            if (caughtUp && schedule.due(follower.slot().current() != null, runner.training(), publishing.fenced())) {
                runner.retrainNow();
            }
        }

        @Override
        public void ended() {
            live.close();
        }
    }

    public void start() {
        schedule.started();
        if (ownsFollower) {
            follower.start();
        }
        feed.start();
    }

    /** Starts a retraining now unless one is running; completes with its attempt (or null if one was running). */
    public CompletableFuture<RetrainCycle.Attempt> retrainNow() {
        return runner.retrainNow();
    }

    /** Ticks in the trainer's history now (what its next training would train on). */
    public long historyTicks() {
        return history.size();
    }

    public RetrainCycle.Attempt lastAttempt() {
        return runner.lastAttempt();
    }

    /** The last live test of the model in service (null before enough live scores). */
    public LiveScorer.Verdict lastLiveVerdict() {
        return live.lastVerdict();
    }

    /** Each part's status now: the feed, the registry reader, whether this trainer may publish. */
    public TrainerStatus status() {
        return new TrainerStatus(feed.status(), publishing.registry(), publishing.publishing());
    }

    /** The transactional id this trainer publishes under: {@code <application.id>-trainer}. */
    public String transactionalId() {
        return RegistryWriter.transactionalId(config);
    }

    /**
     * The registry reader the trainer follows (what it has read: versions, demotions, the record in service): its
     * own, or the stream's follower it shares ({@link #sharing}).
     */
    public ModelFollower registry() {
        return follower;
    }

    /** True when the trainer runs its own registry reader, false when it shares the stream's ({@link #sharing}). */
    public boolean ownsRegistryReader() {
        return ownsFollower;
    }

    @Override
    public void close() {
        feed.close();
        runner.close();
        if (ownsFollower) {
            follower.close();
        }
        publishing.close();
    }
}
