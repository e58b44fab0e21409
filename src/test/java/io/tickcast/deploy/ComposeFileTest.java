package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docker/compose.yaml: one `docker compose up` brings up a broker, the topics, tickcast, Prometheus and Grafana. */
class ComposeFileTest {

    private final ComposeFile compose = ComposeFile.read();

    /** Services running `tickcast run --role ROLE`. */
    private List<String> servicesWithRole(String role) {
        return compose.services().keySet().stream().filter(s -> {
            List<String> c = compose.command(s);
            int i = c.indexOf("--role");
            return !c.isEmpty() && c.get(0).equals("run") && i >= 0 && i + 1 < c.size() && c.get(i + 1).equals(role);
        }).toList();
    }

    private String dependsOnCondition(String service, String on) {
        Object d = compose.service(service).get("depends_on");
        assertThat(d).as(service + " depends_on").isInstanceOf(Map.class);
        Object entry = ((Map<?, ?>) d).get(on);
        assertThat(entry).as(service + " depends on " + on).isInstanceOf(Map.class);
        return String.valueOf(((Map<?, ?>) entry).get("condition"));
    }

    @Test
    void conformsToTheComposeSpecSchema() {
        assertThat(ComposeFile.schemaErrors(ProjectFiles.read(ComposeFile.PATH))).as(ComposeFile.PATH).isEmpty();
    }

    /** The schema check catches what docker compose itself would refuse: a misspelt key, a wrong type, a bad value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "read_only: true|read_onyl: true|read_onyl",
        "stop_grace_period: 45s|stop_grace_period: [45s]|stop_grace_period",
        "condition: service_healthy|condition: service_happy|condition",
        "healthcheck:|healthchek:|healthchek",
    })
    void theSchemaCatchesABrokenCopyOfTheFile(String correct, String broken, String where) {
        String original = ProjectFiles.read(ComposeFile.PATH);
        String yaml = original.replaceFirst(Pattern.quote(correct) + "\\n", Matcher.quoteReplacement(broken) + "\n");
        assertThat(yaml).as("the test's replacement applies").isNotEqualTo(original);
        assertThat(ComposeFile.schemaErrors(yaml)).as(broken).isNotEmpty().anySatisfy(e -> assertThat(e).contains(where));
    }

    @Test
    void hasTheWholeStack() {
        assertThat(compose.services()).containsKeys("kafka", "kafka-init", "replayer", "prometheus", "grafana");
        assertThat(servicesWithRole("stream")).as("stream instances").hasSize(2);
        assertThat(servicesWithRole("trainer")).as("exactly one trainer").hasSize(1);
        assertThat(String.valueOf(compose.service("kafka").get("image"))).startsWith("apache/kafka:4.");
        assertThat(String.valueOf(compose.service("prometheus").get("image"))).startsWith("prom/prometheus:");
        assertThat(String.valueOf(compose.service("grafana").get("image"))).startsWith("grafana/grafana:");
    }

    @Test
    void theBrokerRunsKraftWithSettingsOneBrokerNeeds() {
        Map<String, String> env = compose.environment("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env).containsKeys("KAFKA_NODE_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES",
                "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS", "CLUSTER_ID");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(env.get("KAFKA_NODE_ID") + "@kafka:9093");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        // exactly_once_v2 needs the transaction log, which by default wants 3 brokers
        assertThat(env).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(compose.service("kafka")).containsKey("healthcheck");
    }

    @Test
    void startupOrderIsHealthBased() {
        assertThat(dependsOnCondition("kafka-init", "kafka")).isEqualTo("service_healthy");
        for (String s : servicesWithRole("stream")) {
            assertThat(dependsOnCondition(s, "kafka-init")).as(s).isEqualTo("service_completed_successfully");
        }
        for (String s : servicesWithRole("trainer")) {
            assertThat(dependsOnCondition(s, "kafka-init")).as(s).isEqualTo("service_completed_successfully");
        }
        for (String s : servicesWithRole("stream")) {
            assertThat(dependsOnCondition("replayer", s)).as("ticks flow once the streams are up").isEqualTo("service_healthy");
        }
        assertThat(dependsOnCondition("grafana", "prometheus")).isEqualTo("service_healthy");
        assertThat(compose.service("prometheus")).containsKey("healthcheck");
        assertThat(compose.service("kafka-init").get("restart")).isEqualTo("no");
        assertThat(compose.service("replayer").get("restart")).isEqualTo("no");
        assertThat(compose.service("replayer").get("healthcheck")).as("produce serves no HTTP: the image's check is off")
                .isEqualTo(Map.of("disable", true));
        // every service_healthy dependency has a health check: its own, or the tickcast image's HEALTHCHECK
        for (String s : compose.services().keySet()) {
            Object d = compose.service(s).get("depends_on");
            if (d instanceof Map<?, ?> deps) {
                deps.forEach((on, spec) -> {
                    if ("service_healthy".equals(((Map<?, ?>) spec).get("condition"))) {
                        Map<String, Object> target = compose.service(String.valueOf(on));
                        boolean hasCheck = target.containsKey("healthcheck")
                                || (String.valueOf(target.get("image")).startsWith("tickcast:")
                                        && Dockerfile.read(DockerImageTest.PATH).all("HEALTHCHECK").size() == 1);
                        assertThat(hasCheck).as(s + " waits for " + on + " to be healthy, so it needs a health check").isTrue();
                    }
                });
            }
        }
    }

    @Test
    void streamInstancesHaveStaticIdentitiesStateVolumesAndTheK8sHardening() {
        List<String> streams = servicesWithRole("stream");
        Set<String> instanceIds = streams.stream().map(s -> compose.environment(s).get("TICKCAST_KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID"))
                .collect(Collectors.toSet());
        assertThat(instanceIds).as("one distinct group.instance.id per instance").hasSize(streams.size()).doesNotContainNull();
        for (String s : compose.services().keySet()) {
            if (!String.valueOf(compose.service(s).get("image")).startsWith("tickcast:")) {
                continue;
            }
            Map<String, Object> def = compose.service(s);
            assertThat(def.get("read_only")).as(s + " read_only").isEqualTo(true);
            assertThat(def.get("cap_drop")).as(s + " cap_drop").isEqualTo(List.of("ALL"));
            assertThat(def.get("security_opt")).as(s).isEqualTo(List.of("no-new-privileges:true"));
            assertThat(def.get("platform")).as(s + ": the PyTorch natives are linux-x86_64").isEqualTo("linux/amd64");
            assertThat(String.valueOf(def.get("tmpfs"))).as(s + ": a writable /tmp that allows exec (RocksDB loads its"
                    + " native library from there)").contains("/tmp:").contains("exec").doesNotContain("noexec");
        }
        for (String s : servicesWithRole("stream")) {
            String stateDir = DeploymentContract.setting(compose.environment(s), ConfigKey.STATE_DIR);
            assertThat(compose.volumes(s)).as(s + " keeps its state store in a volume")
                    .anyMatch(v -> v.endsWith(":" + stateDir) && !v.startsWith("."));
            assertThat(String.valueOf(compose.service(s).get("stop_grace_period"))).as(s).matches("\\d+s");
            int grace = Integer.parseInt(String.valueOf(compose.service(s).get("stop_grace_period")).replace("s", ""));
            assertThat(grace).as(s + ": Kafka Streams closes within 30 s").isGreaterThan(30);
        }
    }

    @Test
    void streamAndTrainerRunPyTorchsNativeThreadPoolsOnOneThread() {
        for (String role : List.of("stream", "trainer")) {
            for (String s : servicesWithRole(role)) {
                assertThat(compose.environment(s)).as(s).containsAllEntriesOf(DeploymentContract.NATIVE_THREADS_ENV);
            }
        }
    }

    @Test
    void prometheusAndGrafanaUseTheObservabilityFilesAtTheirAgreedPaths() {
        assertThat(compose.volumes("prometheus")).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(compose.volumes("grafana")).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .as("docker/grafana/dashboards/tickcast.json, as mounted").isEqualTo("/var/lib/grafana/dashboards/tickcast.json");
        // prometheus.yml scrapes tickcast:8080; every tickcast container answers to that name
        for (String s : servicesWithRole("stream")) {
            assertThat(compose.aliases(s)).as(s).contains("tickcast");
        }
        for (String s : servicesWithRole("trainer")) {
            assertThat(compose.aliases(s)).as(s).contains("tickcast");
        }
    }
}
