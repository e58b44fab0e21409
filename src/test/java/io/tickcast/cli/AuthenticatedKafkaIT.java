package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.AccessCheck;
import io.tickcast.kafka.KafkaAccessDeniedException;
import io.tickcast.kafka.SecureKafkaBroker;
import io.tickcast.kafka.TickcastAcls;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.service.Role;
import io.tickcast.service.TickcastNode;
import io.tickcast.service.TopicAdmin;
import io.tickcast.serving.ModelSlot;
import io.tickcast.training.SyntheticSeries;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * tickcast against a broker that requires SASL (SCRAM-SHA-512) over TLS and authorises every request
 * ({@link SecureKafkaBroker}). The service's user holds exactly the ACLs {@link TickcastAcls} documents for the stream
 * and the trainer, the operator's user exactly those of {@code produce}, {@code consume} and {@code models list}:
 * with them everything works end to end; a wrong password, or any one of those ACLs taken away, fails within a bound
 * with a message naming the principal and what it lacks. No password reaches a log line or {@code /metrics}.
 * Durations are measured and compared with generous bounds, for a busy machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticatedKafkaIT {

    private static final String SERVICE = "tickcast-svc";
    private static final String SERVICE_PASSWORD = "svc-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String OPERATOR = "operator";
    private static final String OPERATOR_PASSWORD = "op-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String APP = "secured";
    /** Fail fast: well under this, from the start of the call to the failure. */
    private static final Duration FAST = Duration.ofSeconds(30);
    /** The broker's authorizer logs each allowed request at DEBUG, each denied one at INFO. */
    private static final String AUTHORIZER_LOG = "kafka.authorizer.logger";
    private static final String[] SYMBOLS = {"AAA", "BBB"};
    private static final int DAYS = 160;

    @RegisterExtension
    static final SecureKafkaBroker kafka = new SecureKafkaBroker();

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Map<String, Level> levels = new HashMap<>();

    @BeforeAll
    static void usersTopicsAndExactlyTheDocumentedAcls() throws Exception {
        kafka.addUser(SERVICE, SERVICE_PASSWORD);
        kafka.addUser(OPERATOR, OPERATOR_PASSWORD);
        TickcastConfig admin = TickcastConfig.defaults().withBootstrapServers(kafka.adminBootstrapServers());
        TopicAdmin.ensureTopics(admin, 2, (short) 1);
        kafka.grant(serviceAcls());
        kafka.grant(operatorAcls());
    }

    /** Every log event of every logger, Kafka's own INFO lines (its config dumps) included, for the secrets check. */
    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : List.of("org.apache.kafka", "kafka", "io.tickcast", AUTHORIZER_LOG)) {
            Logger l = context.getLogger(name);
            levels.put(name, l.getLevel());
            l.setLevel(name.equals(AUTHORIZER_LOG) ? Level.DEBUG : Level.INFO);
        }
        log.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
    }

    @AfterEach
    void restoreLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(log);
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    @Order(1)
    void withExactlyTheDocumentedAclsTheServiceAndTheCommandsWorkEndToEnd() throws Exception {
        assertThat(new HashSet<>(kafka.acls())).as("the broker holds exactly the documented ACLs")
                .isEqualTo(union(serviceAcls(), operatorAcls()));
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, csv(SyntheticSeries.waveDays(SYMBOLS, DAYS)));
        HttpClient http = HttpClient.newHttpClient();
        try (TickcastNode node = new TickcastNode(serviceConfig(SERVICE_PASSWORD, dir.resolve("state")), Role.ALL,
                Clock.systemUTC())) {
            node.start(Duration.ofSeconds(60));
            assertThat(node.stream().awaitRunning(Duration.ofSeconds(90))).isTrue();

            CliRun produced = CliRun.of(operator("produce", csv.toString(), "--no-progress"));
            assertThat(produced.exitCode()).as(produced.err()).isZero();
            assertThat(produced.out()).contains("published " + SYMBOLS.length * DAYS + " ticks");

            // one forecast per tick once a symbol's window is full, all committed in the stream's transactions
            int expected = SYMBOLS.length * (DAYS - 4);
            List<String> forecasts = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                CliRun consumed = CliRun.of(operator("consume", "--from-beginning", "--json", "--idle-timeout", "PT2S"));
                assertThat(consumed.exitCode()).as(consumed.err()).isZero();
                forecasts.clear();
                consumed.out().lines().filter(l -> l.startsWith("{")).forEach(forecasts::add);
                return forecasts.size() >= expected;
            });
            assertThat(forecasts).hasSize(expected);

            // a tick that is not JSON: the stream writes its dead letter
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientProperties(OPERATOR, OPERATOR_PASSWORD),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("ticks", "AAA".getBytes(StandardCharsets.UTF_8),
                        "not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }

            // the trainer read the ticks, trained, and published v1 under its transactional id; the stream serves it
            Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> node.follower().current() != null);
            assertThat(node.follower().current().version()).isEqualTo(1);
            assertThat(node.trainer().status().fenced()).isFalse();
            CliRun models = CliRun.of(operator("models", "list"));
            assertThat(models.exitCode()).as(models.err()).isZero();
            assertThat(models.out()).contains("gate");

            String metrics = http.send(HttpRequest.newBuilder(URI.create(node.http().url("/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("tickcast_");
            assertThat(metrics).doesNotContain(SERVICE_PASSWORD).doesNotContain(kafka.truststorePassword());
            String live = http.send(HttpRequest.newBuilder(URI.create(node.http().url("/health/live"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(live).doesNotContain(SERVICE_PASSWORD);

            // none of the ACLs is there for nothing: the broker's authorizer allowed a request on each of them (not
            // counting the access check's own requests). DELETE comes with Kafka Streams' purge of the repartition topic.
            List<TickcastAcls.Acl> documented = TickcastAcls.service(serviceConfig(SERVICE_PASSWORD, dir));
            Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Set<String> used = allowed(SERVICE);
                assertThat(documented).allSatisfy(acl -> assertThat(used).as(acl.describe() + " was used")
                        .anyMatch(u -> usedBy(u, acl)));
            });
        }
        // a restart: the stream finds its internal topics and validates them
        try (TickcastNode again = new TickcastNode(serviceConfig(SERVICE_PASSWORD, dir.resolve("state")), Role.STREAM,
                Clock.systemUTC())) {
            again.start(Duration.ofSeconds(60));
            assertThat(again.stream().awaitRunning(Duration.ofSeconds(90))).isTrue();
        }
        assertThat(warningsAndErrors()).as("no refusal, no failed ownership check, a complete access check").noneMatch(l ->
                l.contains("Authorization") || l.contains("lacks") || l.contains("cannot check that this trainer")
                        || l.contains("could not check this client's access"));
        assertNoSecretLogged();
    }

    @Test
    @Order(2)
    void eachDocumentedAclTakenAwayIsNamedWithThePrincipalBeforeTheServiceStarts() throws Exception {
        // the internal topics exist now (the first test ran the stream): every ACL of the list can be checked up front
        TickcastConfig config = serviceConfig(SERVICE_PASSWORD, dir);
        List<TickcastAcls.Acl> service = TickcastAcls.service(config);
        for (TickcastAcls.Acl acl : service) {
            AclBinding binding = acl.binding("User:" + SERVICE);
            kafka.revoke(List.of(binding));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(AccessCheck.missing(config.kafkaClientProperties(), Duration.ofSeconds(10), service))
                                .as("without " + acl.describe()).containsExactly(acl));
                long start = System.nanoTime();
                try (TickcastNode node = new TickcastNode(config.withStateDir(dir.resolve("s").toString()), Role.ALL,
                        Clock.systemUTC())) {
                    assertThatThrownBy(() -> node.start(Duration.ofSeconds(60)))
                            .isInstanceOf(KafkaAccessDeniedException.class)
                            .hasMessage("User:" + SERVICE + " lacks " + acl.describe() + " (needed by: " + acl.neededBy()
                                    .stream().sorted().map(TickcastAcls.User::label).collect(Collectors.joining(", ")) + ")");
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.println("measured: without " + acl.describe() + " the node failed after " + took.toMillis() + " ms");
                assertThat(took).isLessThan(FAST);
            } finally {
                kafka.grant(List.of(binding));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                AccessCheck.missing(config.kafkaClientProperties(), Duration.ofSeconds(10), service).isEmpty());
        assertNoSecretLogged();
    }

    @Test
    @Order(3)
    void aWrongPasswordFailsFastNamingThePrincipal() throws Exception {
        long start = System.nanoTime();
        try (TickcastNode node = new TickcastNode(serviceConfig("not-the-password", dir), Role.ALL, Clock.systemUTC())) {
            assertThatThrownBy(() -> node.start(Duration.ofSeconds(60)))
                    .isInstanceOf(KafkaAccessDeniedException.class)
                    .hasMessageStartingWith("User:" + SERVICE + " could not authenticate (sasl.mechanism SCRAM-SHA-512)");
        }
        Duration nodeTook = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("measured: with a wrong password the node failed after " + nodeTook.toMillis() + " ms");
        assertThat(nodeTook).isLessThan(FAST);

        long cliStart = System.nanoTime();
        CliRun consume = CliRun.of(withSecurity(OPERATOR, "wrong", "consume", "--from-beginning"));
        Duration cliTook = Duration.ofNanos(System.nanoTime() - cliStart);
        System.out.println("measured: with a wrong password consume failed after " + cliTook.toMillis() + " ms");
        assertThat(cliTook).isLessThan(FAST);
        assertThat(consume.exitCode()).isEqualTo(1);
        assertThat(consume.err()).contains("User:" + OPERATOR + " could not authenticate");
        assertThat(consume.err()).doesNotContain("wrong\"");
        assertNoSecretLogged();
    }

    @Test
    @Order(4)
    void aCommandMissingItsAclSaysWhoLacksWhichOperationOnWhichTopic() throws Exception {
        TickcastAcls.Acl read = TickcastAcls.neededBy(serviceConfig(SERVICE_PASSWORD, dir), EnumSet.of(TickcastAcls.User.CONSUME)).get(0);
        AclBinding binding = read.binding("User:" + OPERATOR);
        kafka.revoke(List.of(binding));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                long start = System.nanoTime();
                CliRun consume = CliRun.of(operator("consume", "--from-beginning"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
                assertThat(consume.exitCode()).isEqualTo(1);
                assertThat(consume.err()).contains("User:" + OPERATOR + " lacks READ on topic forecasts (needed by: consume)");
            });
        } finally {
            kafka.grant(List.of(binding));
        }
    }

    @Test
    @Order(5)
    void aPermissionOnlyTheRunningStreamNeedsStopsItAndSaysWhatIsMissing() throws Exception {
        // a fresh application: its internal topics do not exist yet, so only their creation can be checked up front;
        // writing to them is refused once the first tick is processed
        String app = "fresh";
        TickcastConfig config = serviceConfig(SERVICE_PASSWORD, dir.resolve("fresh")).withApplicationId(app);
        List<AclBinding> acls = TickcastAcls.neededBy(config, EnumSet.of(TickcastAcls.User.STREAM)).stream()
                .filter(a -> !(a.patternType() == PatternType.PREFIXED
                        && a.resourceType() == org.apache.kafka.common.resource.ResourceType.TOPIC
                        && a.operation() == org.apache.kafka.common.acl.AclOperation.WRITE))
                .map(a -> a.binding("User:" + SERVICE)).toList();
        kafka.grant(acls);
        HttpClient http = HttpClient.newHttpClient();
        try (TickcastNode node = new TickcastNode(config, Role.STREAM, Clock.systemUTC())) {
            node.start(Duration.ofSeconds(60));
            CliRun produced = CliRun.of(operator("produce", tickFile().toString(), "--no-progress"));
            assertThat(produced.exitCode()).as(produced.err()).isZero();
            long start = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> node.stream().streams().state()
                    == KafkaStreams.State.ERROR);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("measured: the stream stopped " + took.toMillis() + " ms after the ticks were acknowledged");
            assertThat(took).isLessThan(Duration.ofSeconds(60));
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(node.http().url("/health/live"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(503);
            errors().stream().filter(l -> l.contains("refused it access")).forEach(l -> System.out.println("logged: " + l));
            assertThat(errors()).anySatisfy(l -> assertThat(l).contains("the cluster refused it access",
                    "User:" + SERVICE + " lacks WRITE on topics prefixed fresh- (needed by: stream)"));
        } finally {
            kafka.revoke(acls);
        }
        assertNoSecretLogged();
    }

    @Test
    @Order(6)
    void runWithAWrongPasswordExitsWithStatusOneNamingThePrincipal() throws Exception {
        Path out = dir.resolve("run.log");
        List<String> args = new ArrayList<>(List.of("run", "--role", "stream", "--set", "application.id=" + APP,
                "--set", "http.host=127.0.0.1", "--set", "http.port=0", "--set", "state.dir=" + dir.resolve("run-state")));
        args.addAll(List.of(withSecurity(SERVICE, "not-the-password")));
        long start = System.nanoTime();
        try (CliProcess run = CliProcess.start(out, args.toArray(String[]::new))) {
            assertThat(run.await(3)).as(run.log()).isEqualTo(1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("tickcast run with a wrong password exited after " + took.toMillis() + " ms (a new JVM)");
            assertThat(took).as("a new JVM included").isLessThan(Duration.ofSeconds(60));
            // run's cluster check names the servers and the protocol, then the principal the cluster refused
            assertThat(run.log()).contains("tickcast: cannot use the Kafka cluster at", "(security.protocol SASL_SSL)")
                    .contains("User:" + SERVICE + " could not authenticate (sasl.mechanism SCRAM-SHA-512)")
                    .doesNotContain("not-the-password\"").doesNotContain(SERVICE_PASSWORD);
        }
    }

    @Test
    @Order(7)
    void createTopicsWithoutCreateNamesThePrincipalAndTheTopic() {
        TickcastConfig config = serviceConfig(SERVICE_PASSWORD, dir)
                .withTopics(new TickcastConfig.Topics("new-ticks", "new-forecasts", "new-dlq", "new-models"));
        assertThatThrownBy(() -> TopicAdmin.ensureTopics(config, 1, (short) 1))
                .hasMessageStartingWith("User:" + SERVICE + " lacks CREATE on topic new-")
                .hasMessageContaining("(needed by: run --create-topics");
    }

    @Test
    @Order(8)
    void aModelFollowerRefusedItsRegistrySaysWhoNeedsWhat() {
        // the service's user may write forecasts, not read them: a follower of that topic is refused its records
        TickcastConfig config = serviceConfig(SERVICE_PASSWORD, dir);
        try (ModelFollower follower = new ModelFollower(config.kafkaClientProperties(), "forecasts", new ModelSlot(5),
                config.lstm(), RegistryEvents.NONE)) {
            follower.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> follower.failingSince() != null);
            assertThat(follower.lastError()).isEqualTo("User:" + SERVICE + " was refused access to topic forecasts "
                    + "(it needs READ on forecasts)");
        }
    }

    // --- helpers

    private Path tickFile() throws Exception {
        Path csv = dir.resolve("few.csv");
        Files.writeString(csv, "symbol,date,close\nAAA,2020-01-01,10\nAAA,2020-01-02,11\n");
        return csv;
    }

    private static TickcastConfig serviceConfig(String password, Path stateDir) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP,
                "state.dir", stateDir.toString(),
                "http.host", "127.0.0.1",
                "http.port", "0",
                "trainer.interval", "PT0S",
                "trainer.every-ticks", "0",
                "trainer.min-windows", "50"));
        settings.put("gate.min-windows", "40");
        // Kafka Streams deletes processed records of its repartition topic every second instead of every 30
        settings.put("kafka.repartition.purge.interval.ms", "1000");
        kafka.clientSettings(SERVICE, password).forEach((k, v) -> settings.put("kafka." + k, v));
        return TickcastConfig.load(List.of(), Map.of(), settings);
    }

    private static String[] operator(String... args) {
        return withSecurity(OPERATOR, OPERATOR_PASSWORD, args);
    }

    private static String[] withSecurity(String user, String password, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-b", kafka.bootstrapServers(), "--set", "client.timeout=PT10S"));
        kafka.clientSettings(user, password).forEach((k, v) -> all.addAll(List.of("--set", "kafka." + k + "=" + v)));
        return all.toArray(String[]::new);
    }

    private static List<AclBinding> serviceAcls() {
        return TickcastAcls.service(serviceConfig(SERVICE_PASSWORD, Path.of("unused"))).stream()
                .map(a -> a.binding("User:" + SERVICE)).toList();
    }

    private static List<AclBinding> operatorAcls() {
        return TickcastAcls.neededBy(serviceConfig(SERVICE_PASSWORD, Path.of("unused")), EnumSet.of(TickcastAcls.User.PRODUCE,
                TickcastAcls.User.CONSUME, TickcastAcls.User.MODELS_LIST)).stream()
                .map(a -> a.binding("User:" + OPERATOR)).toList();
    }

    private static Set<AclBinding> union(List<AclBinding> a, List<AclBinding> b) {
        Set<AclBinding> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String csv(List<List<Tick>> days) {
        StringBuilder sb = new StringBuilder("symbol,date,close\n");
        days.forEach(day -> day.forEach(t -> sb.append(t.symbol()).append(',').append(t.date()).append(',')
                .append(t.close()).append('\n')));
        return sb.toString();
    }

    private List<String> lines() {
        return logged().stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }

    /** True if {@code used} (see {@link #allowed}) is a request {@code acl} allowed. */
    private static boolean usedBy(String used, TickcastAcls.Acl acl) {
        String type = switch (acl.resourceType()) {
            case TOPIC -> "Topic";
            case GROUP -> "Group";
            case TRANSACTIONAL_ID -> "TransactionalId";
            default -> acl.resourceType().name();
        };
        String[] parts = used.split(" ");
        String resource = type + ":LITERAL:";
        if (!parts[0].equals(acl.operation().name()) || !parts[1].startsWith(resource)) {
            return false;
        }
        String name = parts[1].substring(resource.length());
        return acl.patternType() == PatternType.PREFIXED ? name.startsWith(acl.name()) : name.equals(acl.name());
    }

    /**
     * What was logged so far, copied while the appender is held: the broker's and the clients' threads keep logging
     * (AppenderBase appends under the appender's lock), so going through {@code log.list} itself can throw a
     * ConcurrentModificationException.
     */
    private List<ILoggingEvent> logged() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    private static Properties clientProperties(String user, String password) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.putAll(kafka.clientSettings(user, password));
        return p;
    }

    /** What the authorizer allowed {@code user}: "OPERATION Type:PATTERN:name", each once. */
    private java.util.SortedSet<String> allowed(String user) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("Principal = User:" + java.util.regex.Pattern.quote(user)
                + " is Allowed operation = (\\w+) from host = \\S+ on resource = (\\S+) for request = (\\w+)");
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (ILoggingEvent e : logged()) {
            if (e.getLoggerName().equals(AUTHORIZER_LOG)) {
                java.util.regex.Matcher m = p.matcher(e.getFormattedMessage());
                if (m.find() && !m.group(2).contains("tickcast-access-check")) {
                    out.add(m.group(1) + " " + m.group(2) + " (" + m.group(3) + ")");
                }
            }
        }
        return out;
    }

    private List<String> errors() {
        return logged().stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> warningsAndErrors() {
        return logged().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(e -> e.getLoggerName() + " "
                + e.getFormattedMessage()).toList();
    }

    private void assertNoSecretLogged() {
        List<String> lines = lines();
        assertThat(lines).as("log lines captured (Kafka's config dumps included)").isNotEmpty();
        assertThat(lines).anyMatch(l -> l.contains("sasl.jaas.config = [hidden]"));
        for (String secret : List.of(SERVICE_PASSWORD, OPERATOR_PASSWORD, kafka.truststorePassword())) {
            assertThat(lines).as("no log line contains a password").noneMatch(l -> l.contains(secret));
        }
    }
}
