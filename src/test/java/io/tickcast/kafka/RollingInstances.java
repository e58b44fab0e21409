package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tickcast.cli.CliProcess;
import org.awaitility.Awaitility;

/**
 * Three {@code tickcast run --role stream} instances of one application (JVMs of their own, each with its own state
 * directory and HTTP port, kept across its restarts), as a StatefulSet runs them, and a watch of their readiness:
 * every 100 ms it asks each instance's {@code /health/ready} (an instance that is down, or does not answer within
 * 3 s, the Kubernetes probe's timeout in k8s/, is not ready) and remembers how many were not ready at once.
 */
final class RollingInstances implements AutoCloseable {

    static final int INSTANCES = 3;

    /** Which build an instance runs: this one, or another one's class path (an earlier release). */
    record Build(String name, String classPath) {
        static final Build CURRENT = new Build("current", null);

        CliProcess start(Path log, String... args) {
            return classPath == null ? CliProcess.start(log, args)
                    : CliProcess.startOn(classPath, Map.of("MKL_CBWR", "AUTO,STRICT"), log, args);
        }
    }

    private final Path dir;
    private final String bootstrap;
    private final String appId;
    private final int[] ports = new int[INSTANCES];
    private final CliProcess[] running = new CliProcess[INSTANCES];
    private final Build[] builds = new Build[INSTANCES];
    private final int[] starts = new int[INSTANCES];
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicBoolean watching = new AtomicBoolean();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private volatile int mostNotReady;
    private Thread watch;

    RollingInstances(Path dir, String bootstrap, String appId) {
        this.dir = dir;
        this.bootstrap = bootstrap;
        this.appId = appId;
        for (int i = 0; i < INSTANCES; i++) {
            ports[i] = freePort();
        }
    }

    /** Starts instance {@code i} on {@code build} (its state directory and port as before). */
    void start(int i, Build build) {
        assertThat(running[i]).as("instance %d runs already", i).isNull();
        String name = "instance-" + i + "-" + (++starts[i]) + "-" + build.name();
        builds[i] = build;
        running[i] = build.start(dir.resolve(name + ".log"), "run", "--role", "stream", "--bootstrap-server", bootstrap,
                "--set", "application.id=" + appId, "--set", "state.dir=" + dir.resolve("state-" + i),
                "--set", "http.host=127.0.0.1", "--set", "http.port=" + ports[i]);
    }

    /** Stops instance {@code i} with SIGTERM (its shutdown hook closes the stream) and waits for it to exit. */
    void stop(int i) throws InterruptedException {
        CliProcess p = running[i];
        running[i] = null;
        p.close();
        assertThat(p.alive()).as("instance %d still runs after SIGTERM + 60 s", i).isFalse();
    }

    /** Waits until every instance answers ready; fails at once if one died. */
    void awaitAllReady() {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .failFast(this::requireAlive)
                .until(() -> notReady().isEmpty());
    }

    /** Waits until at least {@code atLeast} forecasts are committed; fails at once if an instance dies. */
    void awaitCommitted(io.tickcast.config.TickcastConfig config, int atLeast) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast(this::requireAlive)
                .until(() -> KilledServices.committed(config, atLeast, Duration.ZERO).size() >= atLeast);
    }

    /** Starts watching readiness: from now on, no two instances may be not ready at once. */
    void watchReadiness() {
        watching.set(true);
        watch = new Thread(() -> {
            while (watching.get()) {
                List<Integer> down = notReady();
                mostNotReady = Math.max(mostNotReady, down.size());
                if (down.size() > 1) {
                    overlaps.add(java.time.Instant.now() + ": not ready " + down);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "readiness-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** The most instances that were not ready at once while watched. */
    int mostNotReadyAtOnce() throws InterruptedException {
        watching.set(false);
        if (watch != null) {
            watch.join();
        }
        return mostNotReady;
    }

    /** When more than one instance was not ready, and which. */
    List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    /** Which instances do not answer {@code /health/ready} with 200 now. */
    List<Integer> notReady() {
        List<Integer> down = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            if (!ready(i)) {
                down.add(i);
            }
        }
        return down;
    }

    private boolean ready(int i) {
        if (running[i] == null) {
            return false;
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails, with its log, if a started instance has died. */
    void requireAlive() {
        for (int i = 0; i < INSTANCES; i++) {
            CliProcess p = running[i];
            if (p != null) {
                assertThat(p.alive()).as("instance %d (%s) runs; its log:%n%s", i, builds[i].name(), p.log()).isTrue();
            }
        }
    }

    /** The running instance {@code i}, for its log. */
    CliProcess instance(int i) {
        return running[i];
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        watching.set(false);
        for (int i = 0; i < INSTANCES; i++) {
            if (running[i] != null) {
                stop(i);
            }
        }
    }
}
