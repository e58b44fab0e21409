package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.tickcast.config.TickcastConfig;
import io.tickcast.service.TopicAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling upgrade from the previous release and the downgrade back, under load: three stream instances of
 * {@link PreviousRelease} (built from this repository's history) run with state while ticks flow at 60 ticks/s; each
 * in turn is stopped with SIGTERM and started on this build with its state directory, the next once all three are
 * ready; then each goes back to the previous release the same way. For a while old and new builds share the group
 * and read each other's stores, changelogs and registry records. Every forecast is committed exactly once and
 * equals an undisturbed run's.
 */
class RollingUpgradeIT {

    private static final String APP = "rolling-upgrade";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void upgradingEachInstanceInTurnAndDowngradingAgainLosesAndDuplicatesNothing() throws Exception {
        RollingInstances.Build previous = PreviousRelease.build();
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers()).withApplicationId(APP);
        TopicAdmin.ensureTopics(config, 6, (short) 1);
        UndisturbedForecasts run = UndisturbedForecasts.publish(config, 16, 320);
        AtomicReference<Throwable> replayFailed = new AtomicReference<>();
        Thread replay = KilledServices.replay(config, run.ticks(), replayFailed);
        try (RollingInstances instances = new RollingInstances(dir, kafka.bootstrapServers(), APP)) {
            for (int i = 0; i < RollingInstances.INSTANCES; i++) {
                instances.start(i, previous);
            }
            instances.awaitAllReady();
            replay.start();
            instances.awaitCommitted(config, run.total() / 8);
            for (RollingInstances.Build to : new RollingInstances.Build[] {RollingInstances.Build.CURRENT, previous}) {
                for (int i = 0; i < RollingInstances.INSTANCES; i++) {
                    long t0 = System.nanoTime();
                    instances.stop(i);
                    instances.start(i, to);
                    instances.awaitAllReady();
                    System.out.printf("instance %d on %s, all ready in %.1f s; ticks still flowing: %s%n", i, to.name(),
                            (System.nanoTime() - t0) / 1e9, replay.isAlive());
                }
            }
            replay.join(Duration.ofMinutes(3).toMillis());
            assertThat(replayFailed.get()).isNull();
            instances.awaitCommitted(config, run.total());
            assertThat(run.problems(KilledServices.committed(config, run.total(), Duration.ofSeconds(3)))).isEmpty();
        }
    }
}
