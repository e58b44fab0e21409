package io.tickcast.deploy;

import static io.tickcast.deploy.Manifests.SECURED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.tickcast.config.TickcastConfig;
import io.tickcast.deploy.Manifests.Workload;
import io.tickcast.kafka.TickcastAcls;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/overlays/secured}: tickcast as the Strimzi KafkaUser of {@code k8s/components/strimzi-user}, whose ACLs
 * are exactly those the code needs for the stream and the trainer ({@link TickcastAcls}, with the rendered settings),
 * and whose Secret and cluster CA reach both workloads as SASL_SSL / SCRAM-SHA-512 client settings.
 */
class KafkaUserTest {

    private static final Set<String> ACL_FIELDS = Set.of("resource", "operations", "host");
    private static final Set<String> RESOURCE_FIELDS = Set.of("type", "name", "patternType");

    @Test
    void theKafkaUserGrantsExactlyTheAclsTheStreamAndTheTrainerNeed() {
        Kustomize.Rendered r = Kustomize.render(SECURED);
        GenericKubernetesResource user = onlyUser(r);
        Map<String, Object> spec = Manifests.spec(user);
        assertThat(map(spec.get("authentication"))).containsEntry("type", "scram-sha-512");
        Map<String, Object> authorization = map(spec.get("authorization"));
        assertThat(authorization).containsEntry("type", "simple");
        Set<String> granted = new TreeSet<>();
        for (Object o : (List<?>) authorization.get("acls")) {
            Map<String, Object> acl = map(o);
            assertThat(ACL_FIELDS).as("KafkaUser ACL fields").containsAll(acl.keySet());
            assertThat(acl.get("host")).isEqualTo("*");
            Map<String, Object> resource = map(acl.get("resource"));
            assertThat(RESOURCE_FIELDS).as("KafkaUser ACL resource fields").containsAll(resource.keySet());
            for (Object op : (List<?>) acl.get("operations")) {
                assertThat(granted.add(strimziAcl(resource, String.valueOf(op)))).as("each ACL once").isTrue();
            }
        }
        TickcastConfig config = TickcastConfig.load(List.of(), r.only(ConfigMap.class).getData(), Map.of());
        Set<String> needed = TickcastAcls.service(config).stream().map(KafkaUserTest::codeAcl)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(granted).isEqualTo(needed);

        String cluster = r.custom("KafkaTopic").get(0).getMetadata().getLabels().get("strimzi.io/cluster");
        assertThat(user.getMetadata().getLabels()).as("the cluster of the topics").containsEntry("strimzi.io/cluster", cluster);
    }

    @Test
    void bothWorkloadsConnectAsTheKafkaUserWithScramOverTls() {
        Kustomize.Rendered r = Kustomize.render(SECURED);
        GenericKubernetesResource user = onlyUser(r);
        String cluster = user.getMetadata().getLabels().get("strimzi.io/cluster");
        for (Workload w : Manifests.workloads(r)) {
            Map<String, String> env = Manifests.literalEnv(r, w.container());
            assertThat(env).as(w.toString()).containsEntry("TICKCAST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("TICKCAST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("TICKCAST_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            EnvVar jaas = Manifests.envVar(w.container(), "TICKCAST_KAFKA_SASL_JAAS_CONFIG");
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName())
                    .as(w + ": the Secret the User Operator writes is named after the KafkaUser")
                    .isEqualTo(user.getMetadata().getName());
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
            assertThat(jaas.getValueFrom().getSecretKeyRef().getOptional()).as(w + ": no start without credentials").isFalse();
            assertThat(w.container().getEnv()).as(w + ": nothing from the optional Secret of k8s/base any more")
                    .allSatisfy(v -> assertThat(v.getValueFrom() == null || v.getValueFrom().getSecretKeyRef() == null
                            || !v.getValueFrom().getSecretKeyRef().getName().equals("tickcast-kafka-credentials")).isTrue());

            String truststore = env.get("TICKCAST_KAFKA_SSL_TRUSTSTORE_LOCATION");
            VolumeMount mount = w.container().getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(w + ": no volume at " + truststore));
            Volume volume = w.template().getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            assertThat(volume.getSecret().getSecretName()).as("Strimzi's cluster CA certificate")
                    .isEqualTo(cluster + "-cluster-ca-cert");
            assertThat(volume.getSecret().getItems()).anySatisfy(i -> {
                assertThat(i.getKey()).isEqualTo("ca.crt");
                assertThat(mount.getMountPath() + "/" + i.getPath()).isEqualTo(truststore);
            });

            String bootstrap = env.get("TICKCAST_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).isEqualTo(cluster + "-kafka-bootstrap:9093");
            Set<Integer> egress = new HashSet<>();
            r.only(NetworkPolicy.class).getSpec().getEgress().forEach(rule -> rule.getPorts().stream()
                    .map(NetworkPolicyPort::getPort).forEach(p -> egress.add(p.getIntVal())));
            assertThat(egress).as("the NetworkPolicy lets the pods reach the TLS listener").contains(9093);
        }
    }

    private static GenericKubernetesResource onlyUser(Kustomize.Rendered r) {
        List<GenericKubernetesResource> users = r.custom("KafkaUser");
        assertThat(users).hasSize(1);
        return users.get(0);
    }

    /** E.g. {@code TOPIC PREFIXED tickcast- CREATE} from a Strimzi resource and operation ({@code prefix}, {@code Create}). */
    private static String strimziAcl(Map<String, Object> resource, String operation) {
        String type = switch (String.valueOf(resource.get("type"))) {
            case "topic" -> "TOPIC";
            case "group" -> "GROUP";
            case "transactionalId" -> "TRANSACTIONAL_ID";
            case "cluster" -> "CLUSTER";
            default -> throw new AssertionError("unknown Strimzi ACL resource type " + resource.get("type"));
        };
        String pattern = switch (String.valueOf(resource.getOrDefault("patternType", "literal"))) {
            case "literal" -> "LITERAL";
            case "prefix" -> "PREFIXED";
            default -> throw new AssertionError("unknown Strimzi ACL pattern type " + resource.get("patternType"));
        };
        String op = operation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return type + " " + pattern + " " + resource.get("name") + " " + op;
    }

    private static String codeAcl(TickcastAcls.Acl acl) {
        return acl.resourceType() + " " + acl.patternType() + " " + acl.name() + " " + acl.operation();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
