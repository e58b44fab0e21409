package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import io.tickcast.cli.CliProcess;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import io.tickcast.kafka.TopicRecords;
import io.tickcast.lstm.DjlSetup;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import io.tickcast.client.TickPublisher;
import io.tickcast.service.TopicAdmin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's class path (target/image-lib, which docker/Dockerfile copies as lib/; that it has no Kafka
 * broker, no Scala and no PyTorch native jar, {@link BuildClassPathsTest} shows) is still a working service: the
 * stream forecasts against a real broker and the model trains, with the PyTorch libraries given as extracted files
 * (PYTORCH_LIBRARY_PATH), as in the image; and the demo says why it cannot run there.
 */
class LeanImageClassPathIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static Path libtorch;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheExtractedPyTorchLibraries() throws IOException {
        DjlSetup.apply();
        Engine.getEngine("PyTorch");   // extracts the native libraries from the jar, if no run has yet
        try (Stream<Path> files = Files.walk(Utils.getEngineCacheDir("pytorch"))) {
            libtorch = files.filter(f -> f.getFileName().toString().equals("libtorch_cpu.so")).findFirst()
                    .orElseThrow(() -> new AssertionError("no extracted libtorch_cpu.so under " + Utils.getEngineCacheDir("pytorch")))
                    .getParent();
        }
    }

    @Test
    void theServiceRunsOnItAndTheDemoSaysWhyItCannot() throws Exception {
        String classPath = Path.of("target", "classes") + File.pathSeparator + BuildClassPathsTest.IMAGE_LIB + File.separator + "*";
        Path emptyCache = Files.createDirectories(dir.resolve("djl-cache"));
        Map<String, String> env = Map.of("PYTORCH_LIBRARY_PATH", libtorch.toString(), "DJL_CACHE_DIR", emptyCache.toString(),
                "OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");

        List<String> rows = new ArrayList<>(List.of("symbol,date,close"));
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double close = 100 + 5 * Math.sin(i / 3.0);
            LocalDate date = LocalDate.of(2021, 3, 1).plusDays(i);
            rows.add(String.format(Locale.ROOT, "S,%s,%.4f", date, close));
            ticks.add(new Tick("S", date, close, null, null, null, null));
        }
        Path csv = Files.write(dir.resolve("ticks.csv"), rows);
        try (CliProcess train = CliProcess.startOn(classPath, env, dir.resolve("train.log"), "train", csv.toString(),
                "--out", dir.resolve("m.bin").toString(), "--epochs", "2")) {
            assertThat(train.await(5)).as(train.log()).isZero();
        }
        assertThat(dir.resolve("m.bin")).isNotEmptyFile();
        try (Stream<Path> cached = Files.walk(emptyCache)) {
            assertThat(cached.filter(f -> f.getFileName().toString().startsWith("libtorch"))).as("nothing extracted again").isEmpty();
        }

        try (CliProcess demo = CliProcess.startOn(classPath, env, dir.resolve("demo.log"), "demo")) {
            assertThat(demo.await(2)).isNotZero();
            assertThat(demo.log()).contains("leaves the broker out", "./tickcast demo");
        }

        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId("lean-image");
        TopicAdmin.ensureTopics(config, 1, (short) 1);
        try (CliProcess service = CliProcess.startOn(classPath, env, dir.resolve("service.log"), "run", "--role", "stream",
                "-b", kafka.bootstrapServers(), "--set", "application.id=lean-image",
                "--set", "state.dir=" + dir.resolve("state"), "--set", "http.host=127.0.0.1", "--set", "http.port=0")) {
            try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
                publisher.publish(ticks, 0, n -> { });
            }
            int expected = ticks.size() - config.windowSize() + 1;
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .failFast("the service died: " + service.log(), () -> !service.alive())
                    .until(() -> forecasts(config, expected).size() >= expected);
            assertThat(forecasts(config, expected)).hasSize(expected)
                    .allSatisfy(f -> assertThat(f.forecastClose()).isEqualTo(f.lastClose()));
        }
    }

    private static List<Forecast> forecasts(TickcastConfig config, int expected) {
        return TopicRecords.read(config.kafkaClientProperties(), config.topics().forecasts(), new StringDeserializer(),
                JsonSerde.of(Forecast.class).deserializer(), expected, Duration.ofSeconds(3), Duration.ZERO).stream()
                .map(ConsumerRecord::value).toList();
    }
}
