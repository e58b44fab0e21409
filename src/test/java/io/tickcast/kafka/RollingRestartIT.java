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
 * A rolling restart under load, as Kubernetes rolls a StatefulSet: three stream instances share the work while ticks
 * flow at 60 ticks/s; each in turn is stopped with SIGTERM and started again on its state directory, and the next
 * only once all three are ready again. Every forecast is committed exactly once and equals an undisturbed run's, and
 * readiness is never false on more than one instance at a time.
 */
class RollingRestartIT {

    private static final String APP = "rolling-restart";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void restartingEachInstanceInTurnLosesAndDuplicatesNothingAndKeepsTwoReady() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers()).withApplicationId(APP);
        TopicAdmin.ensureTopics(config, 6, (short) 1);
        UndisturbedForecasts run = UndisturbedForecasts.publish(config, 16, 180);
        AtomicReference<Throwable> replayFailed = new AtomicReference<>();
        Thread replay = KilledServices.replay(config, run.ticks(), replayFailed);
        try (RollingInstances instances = new RollingInstances(dir, kafka.bootstrapServers(), APP)) {
            for (int i = 0; i < RollingInstances.INSTANCES; i++) {
                instances.start(i, RollingInstances.Build.CURRENT);
            }
            instances.awaitAllReady();
            instances.watchReadiness();
            replay.start();
            instances.awaitCommitted(config, run.total() / 6);
            for (int i = 0; i < RollingInstances.INSTANCES; i++) {
                long t0 = System.nanoTime();
                instances.stop(i);
                instances.start(i, RollingInstances.Build.CURRENT);
                instances.awaitAllReady();
                System.out.printf("instance %d restarted and all ready in %.1f s; ticks still flowing: %s%n", i,
                        (System.nanoTime() - t0) / 1e9, replay.isAlive());
            }
            replay.join(Duration.ofMinutes(3).toMillis());
            assertThat(replayFailed.get()).isNull();
            instances.awaitCommitted(config, run.total());
            assertThat(run.problems(KilledServices.committed(config, run.total(), Duration.ofSeconds(3)))).isEmpty();
            assertThat(instances.mostNotReadyAtOnce()).as("instances not ready at once: %s", instances.overlaps())
                    .isLessThanOrEqualTo(1);
        }
    }
}
