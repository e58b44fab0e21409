package io.tickcast.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;

import io.tickcast.kafka.InProcessBroker;
import io.tickcast.kafka.TempDirs;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (combined KRaft broker and controller) running in this JVM on
 * 127.0.0.1. Used by {@code tickcast demo} (through {@link InProcessBroker}, registered for
 * {@link java.util.ServiceLoader} by {@link Starter}) and by the integration tests; not for production: this
 * source folder is compiled with the tests and is no part of the service's jar or class path. It can be
 * stopped and started again on the same ports and log directory, keeping its data (a broker outage).
 */
public final class EmbeddedKafka implements InProcessBroker {

    private final Path logDir;
    private final int brokerPort;
    private final Properties props;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int brokerPort, Properties props) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.props = props;
    }

    /**
     * The {@link InProcessBroker.Starter} that {@code META-INF/services} names. Its constructor loads the broker's
     * main class, so a class path with this jar but without the broker's own jars finds no starter rather than
     * failing later with a {@link NoClassDefFoundError}.
     */
    public static final class Starter implements InProcessBroker.Starter {

        public Starter() {
            KafkaRaftServer.class.getName();
        }

        @Override
        public InProcessBroker start() {
            return EmbeddedKafka.start();
        }
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
    public static EmbeddedKafka start() {
        return start(props -> { });
    }

    /**
     * As {@link #start()}, with {@code adjust} applied to the broker's settings before it is formatted and started
     * (tests: a further listener with TLS and SASL, an authorizer). The PLAINTEXT listener of
     * {@link #bootstrapServers()} stays; a listener added here must also be on 127.0.0.1 (see {@link #freePort()}).
     */
    public static EmbeddedKafka start(Consumer<Properties> adjust) {
        try {
            Path dir = TempDirs.create("tickcast-kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties props = brokerProperties(dir, brokerPort, controllerPort);
            adjust.accept(props);
            Path propsFile = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(propsFile)) {
                props.store(w, "tickcast embedded broker");
            }
            format(propsFile);
            EmbeddedKafka kafka = new EmbeddedKafka(dir, brokerPort, props);
            kafka.restart();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Kafka broker", e);
        }
    }

    private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path propsFile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int rc = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(), "--ignore-formatted"}, ps);
            if (rc != 0) {
                throw new IllegalStateException("formatting the embedded broker's storage failed: "
                        + out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** A port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Shuts the broker down cleanly, keeping its log directory; {@link #restart()} brings it back. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Starts the stopped broker again on the same ports, with the data it had; returns once it accepts
     * connections. Does nothing if it runs.
     */
    public synchronized void restart() {
        if (server == null) {
            KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            started.startup();
            server = started;
        }
    }

    @Override
    public void close() {
        stop();
        TempDirs.deleteQuietly(logDir);
    }

}
