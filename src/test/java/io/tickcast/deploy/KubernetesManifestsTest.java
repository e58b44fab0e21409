package io.tickcast.deploy;

import static io.tickcast.deploy.Manifests.BASE;
import static io.tickcast.deploy.Manifests.OVERLAY;
import static io.tickcast.deploy.Manifests.SECURED;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicSpec;
import io.tickcast.deploy.Manifests.Workload;
import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders k8s/base and k8s/overlays/example with kubectl kustomize, parses every object strictly into its
 * typed model, Strimzi's for KafkaTopic (a misspelt field fails), and checks what a cluster would otherwise only reveal at run time.
 */
class KubernetesManifestsTest {

    /** Kafka Streams is closed with a 30 s timeout on SIGTERM; the pod must be given longer than that. */
    private static final int STREAMS_CLOSE_SECONDS = 30;

    private static final Set<String> SERVICE_MONITOR_SPEC = Set.of("jobLabel", "targetLabels", "podTargetLabels", "endpoints",
            "selector", "selectorMechanism", "namespaceSelector", "sampleLimit", "scrapeProtocols", "fallbackScrapeProtocol",
            "targetLimit", "labelLimit", "labelNameLengthLimit", "labelValueLengthLimit", "nativeHistogramBucketLimit",
            "nativeHistogramMinBucketFactor", "scrapeClassicHistograms", "convertClassicHistogramsToNHCB", "keepDroppedTargets",
            "attachMetadata", "scrapeClass", "bodySizeLimit", "serviceDiscoveryRole");
    private static final Set<String> SERVICE_MONITOR_ENDPOINT = Set.of("port", "portNumber", "targetPort", "path", "scheme",
            "params", "interval", "scrapeTimeout", "tlsConfig", "bearerTokenFile", "bearerTokenSecret", "authorization",
            "honorLabels", "honorTimestamps", "trackTimestampsStaleness", "basicAuth", "oauth2", "metricRelabelings",
            "relabelings", "proxyUrl", "noProxy", "proxyFromEnvironment", "proxyConnectHeader", "followRedirects",
            "enableHttp2", "filterRunning");

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void rendersIntoTheExpectedTypedObjects(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        Map<String, Long> kinds = r.objects().stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
        assertThat(kinds).containsEntry("Namespace", 1L).containsEntry("ServiceAccount", 1L).containsEntry("ConfigMap", 1L)
                .containsEntry("Service", 2L).containsEntry("StatefulSet", 1L).containsEntry("Deployment", 1L)
                .containsEntry("PodDisruptionBudget", 1L).containsEntry("NetworkPolicy", 1L)
                .containsEntry("ServiceMonitor", 1L).containsEntry("PrometheusRule", 1L).containsEntry("KafkaTopic", 4L);
        assertThat(r.all(Secret.class)).as("no Secret (credentials) is committed; it is created in the cluster").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void everyObjectLivesInTheRenderedNamespace(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        String namespace = r.only(Namespace.class).getMetadata().getName();
        for (HasMetadata o : r.objects()) {
            if (!(o instanceof Namespace)) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName()).isEqualTo(namespace);
            }
        }
        assertThat(r.only(Namespace.class).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void podsMeetTheRestrictedPodSecurityStandard(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        for (Workload w : Manifests.workloads(r)) {
            PodSpec pod = w.template().getSpec();
            PodSecurityContext psc = pod.getSecurityContext();
            assertThat(psc).as(w + " pod securityContext").isNotNull();
            assertThat(psc.getRunAsNonRoot()).as(w + " runAsNonRoot").isTrue();
            assertThat(psc.getRunAsUser()).as(w + " runAsUser").isNotNull().isPositive();
            assertThat(psc.getSeccompProfile().getType()).as(w + " seccomp").isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).as(w + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(w + " hostPID").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getAutomountServiceAccountToken()).as(w + " mounts no API token").isFalse();
            assertThat(r.one(ServiceAccount.class, pod.getServiceAccountName()).getAutomountServiceAccountToken()).isFalse();
            for (Volume v : pod.getVolumes()) {
                assertThat(v.getHostPath()).as(w + " volume " + v.getName() + " is no hostPath").isNull();
            }
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(w + " container securityContext").isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as(w + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(w + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getPrivileged()).as(w + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(w + " drops capabilities").containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(w + " adds no capability").isNullOrEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void containersHaveResourcesProbesAndTheWritablePathsTheyNeed(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        for (Workload w : Manifests.workloads(r)) {
            Container c = w.container();
            assertThat(c.getCommand()).as(w + ": no command override (the image's entrypoint sets the JVM and DJL flags)")
                    .isNullOrEmpty();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = c.getResources().getRequests().get(resource);
                Quantity limit = c.getResources().getLimits().get(resource);
                assertThat(request).as(w + " requests " + resource).isNotNull();
                assertThat(limit).as(w + " limits " + resource).isNotNull();
                BigDecimal req = Quantity.getAmountInBytes(request);
                BigDecimal lim = Quantity.getAmountInBytes(limit);
                assertThat(req).as(w + " " + resource + " request <= limit").isLessThanOrEqualTo(lim);
            }
            assertThat(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")))
                    .as(w + ": memory limit (the heap is half of it; RocksDB and libtorch live off-heap)")
                    .isGreaterThanOrEqualTo(BigDecimal.valueOf(1024L * 1024 * 1024));

            assertProbe(w, c, c.getLivenessProbe(), "liveness", "/health/live");
            assertProbe(w, c, c.getReadinessProbe(), "readiness", "/health/ready");
            assertProbe(w, c, c.getStartupProbe(), "startup", "/health/live");

            assertThat(w.template().getSpec().getTerminationGracePeriodSeconds()).as(w + " terminationGracePeriodSeconds")
                    .isGreaterThanOrEqualTo((long) STREAMS_CLOSE_SECONDS + 15);

            Set<String> mounted = c.getVolumeMounts().stream().map(VolumeMount::getMountPath).collect(Collectors.toSet());
            String stateDir = Manifests.literalEnv(r, c).getOrDefault(ConfigKey.STATE_DIR.envVar(), ConfigKey.STATE_DIR.defaultValue());
            assertThat(mounted).as(w + ": writable /tmp (JVM, RocksDB's native library) and the state dir")
                    .contains("/tmp", stateDir);
            String djlCache = Manifests.literalEnv(r, c).get("DJL_CACHE_DIR");
            if (djlCache != null) {
                assertThat(mounted).as(w + ": DJL_CACHE_DIR is set, so it must be a writable volume").contains(djlCache);
            }
            Set<String> volumes = w.template().getSpec().getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
            if (w.kind().equals("StatefulSet")) {
                Manifests.stream(r).getSpec().getVolumeClaimTemplates().forEach(pvc -> volumes.add(pvc.getMetadata().getName()));
            }
            for (VolumeMount m : c.getVolumeMounts()) {
                assertThat(volumes).as(w + ": volume of mount " + m.getMountPath()).contains(m.getName());
            }
        }
    }

    private static void assertProbe(Workload w, Container c, Probe probe, String what, String path) {
        assertThat(probe).as(w + " " + what + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(w + " " + what + " probe is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(w + " " + what + " probe path").isEqualTo(path);
        Manifests.resolvePort(c, probe.getHttpGet().getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void streamPodsHaveStableIdentitiesStateVolumesAndABudget(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        StatefulSet sts = Manifests.stream(r);
        Workload w = Manifests.workload(r, "tickcast-stream");
        assertThat(w.replicas()).isGreaterThanOrEqualTo(2);
        assertThat(Manifests.selects(w.selector(), w.template().getMetadata().getLabels())).as("selector matches the pods").isTrue();

        Service headless = r.one(Service.class, sts.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).as("the StatefulSet's governing Service is headless").isEqualTo("None");
        assertThat(Manifests.selects(headless.getSpec().getSelector(), w.template().getMetadata().getLabels())).isTrue();

        EnvVar instanceId = Manifests.envVar(w.container(), "TICKCAST_KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID");
        assertThat(instanceId).as("static membership: group.instance.id from the pod name").isNotNull();
        assertThat(instanceId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

        List<PersistentVolumeClaim> claims = sts.getSpec().getVolumeClaimTemplates();
        assertThat(claims).hasSize(1);
        PersistentVolumeClaim state = claims.get(0);
        assertThat(state.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        Quantity.getAmountInBytes(state.getSpec().getResources().getRequests().get("storage"));
        String stateDir = Manifests.literalEnv(r, w.container()).get(ConfigKey.STATE_DIR.envVar());
        assertThat(w.container().getVolumeMounts()).as("the claim is mounted at the state dir")
                .anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo(state.getMetadata().getName());
                    assertThat(m.getMountPath()).isEqualTo(stateDir);
                });

        PodDisruptionBudget pdb = r.only(PodDisruptionBudget.class);
        assertThat(Manifests.selects(pdb.getSpec().getSelector().getMatchLabels(), w.template().getMetadata().getLabels()))
                .as("the budget covers the stream pods").isTrue();
        assertThat(Manifests.selects(pdb.getSpec().getSelector().getMatchLabels(),
                Manifests.trainer(r).getSpec().getTemplate().getMetadata().getLabels()))
                .as("no budget on the single trainer (it would block every node drain)").isFalse();
        if (pdb.getSpec().getMaxUnavailable() != null) {
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isBetween(1, w.replicas() - 1);
        } else {
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isBetween(1, w.replicas() - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void theTrainerIsExactlyOneReplicaReplacedNotRolled(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        Deployment trainer = Manifests.trainer(r);
        assertThat(trainer.getSpec().getReplicas()).isEqualTo(1);
        assertThat(trainer.getSpec().getStrategy().getType()).as("never two trainers during an update").isEqualTo("Recreate");
        assertThat(Manifests.selects(trainer.getSpec().getSelector().getMatchLabels(), trainer.getSpec().getTemplate().getMetadata().getLabels()))
                .isTrue();
        assertThat(Manifests.selects(trainer.getSpec().getSelector().getMatchLabels(),
                Manifests.stream(r).getSpec().getTemplate().getMetadata().getLabels()))
                .as("the trainer's selector does not take the stream pods").isFalse();
        assertThat(Manifests.envVar(Manifests.workload(r, "tickcast-trainer").container(), "TICKCAST_KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID"))
                .as("static membership is for the stream pods").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void podsRunPyTorchsNativeThreadPoolsOnOneThread(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        for (Workload w : Manifests.workloads(r)) {
            assertThat(Manifests.literalEnv(r, w.container())).as(w.toString())
                    .containsAllEntriesOf(DeploymentContract.NATIVE_THREADS_ENV);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void kafkaCredentialsComeFromAnOptionalSecret(String dir) {
        // (k8s/overlays/secured takes them from its KafkaUser's Secret instead: KafkaUserTest)
        Kustomize.Rendered r = Kustomize.render(dir);
        for (Workload w : Manifests.workloads(r)) {
            Map<String, SecretKeySelector> refs = new HashMap<>();
            for (EnvVar v : w.container().getEnv()) {
                if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
                    refs.put(v.getName(), v.getValueFrom().getSecretKeyRef());
                }
            }
            assertThat(refs).as(w.toString()).containsKeys("TICKCAST_KAFKA_SASL_JAAS_CONFIG", "TICKCAST_KAFKA_SECURITY_PROTOCOL",
                    "TICKCAST_KAFKA_SASL_MECHANISM");
            refs.forEach((name, ref) -> {
                assertThat(ref.getName()).as(w + " " + name).isEqualTo("tickcast-kafka-credentials");
                assertThat(ref.getOptional()).as(w + " " + name + ": optional, so pods start without the Secret").isTrue();
            });
            assertThat(w.container().getEnvFrom()).allSatisfy(f -> assertThat(f.getSecretRef()).isNull());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void servicesSelectPodsAndReachTheirNamedPorts(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        for (Service s : r.all(Service.class)) {
            List<Workload> selected = Manifests.workloads(r).stream()
                    .filter(w -> Manifests.selects(s.getSpec().getSelector(), w.template().getMetadata().getLabels())).toList();
            assertThat(selected).as("Service " + s.getMetadata().getName() + " selects pods").isNotEmpty();
            for (ServicePort p : s.getSpec().getPorts()) {
                for (Workload w : selected) {
                    Manifests.resolvePort(w.container(), p.getTargetPort());
                }
            }
        }
        Service metrics = r.one(Service.class, "tickcast-metrics");
        assertThat(Manifests.workloads(r)).as("metrics are scraped from stream and trainer pods alike")
                .allMatch(w -> Manifests.selects(metrics.getSpec().getSelector(), w.template().getMetadata().getLabels()));
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void theServiceMonitorScrapesMetricsFromTheMetricsService(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        GenericKubernetesResource sm = r.custom("ServiceMonitor").get(0);
        Map<String, Object> spec = Manifests.spec(sm);
        assertThat(SERVICE_MONITOR_SPEC).as("ServiceMonitor spec fields").containsAll(spec.keySet());
        @SuppressWarnings("unchecked")
        Map<String, String> matchLabels = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        Service metrics = r.all(Service.class).stream().filter(s -> Manifests.selects(matchLabels, s.getMetadata().getLabels()))
                .findFirst().orElseThrow(() -> new AssertionError("the ServiceMonitor selects no Service: " + matchLabels));
        assertThat(metrics.getMetadata().getName()).isEqualTo("tickcast-metrics");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
        assertThat(endpoints).isNotEmpty();
        for (Map<String, Object> e : endpoints) {
            assertThat(SERVICE_MONITOR_ENDPOINT).as("ServiceMonitor endpoint fields").containsAll(e.keySet());
            assertThat(e.get("path")).isEqualTo("/metrics");
            assertThat(metrics.getSpec().getPorts()).as("the endpoint names a port of " + metrics.getMetadata().getName())
                    .anyMatch(p -> p.getName().equals(e.get("port")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void theNetworkPolicyAdmitsHttpAndLetsPodsReachDnsAndKafka(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        NetworkPolicy np = r.only(NetworkPolicy.class);
        assertThat(Manifests.workloads(r))
                .allMatch(w -> Manifests.selects(np.getSpec().getPodSelector().getMatchLabels(), w.template().getMetadata().getLabels()));
        assertThat(np.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        Set<Integer> ingressPorts = new HashSet<>();
        np.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(p -> ingressPorts.add(p.getPort().getIntVal())));
        int httpPort = Integer.parseInt(Manifests.literalEnv(r, Manifests.workload(r, "tickcast-stream").container())
                .getOrDefault(ConfigKey.HTTP_PORT.envVar(), ConfigKey.HTTP_PORT.defaultValue()));
        assertThat(ingressPorts).as("HTTP (metrics, probes' peers, queries) is admitted").contains(httpPort);
        Set<Integer> egressPorts = new TreeSet<>();
        np.getSpec().getEgress().forEach(rule -> rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                .forEach(p -> egressPorts.add(p.getIntVal())));
        assertThat(egressPorts).as("DNS and Kafka").contains(53, 9092);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY, SECURED})
    void kafkaTopicsUseKnownFieldsAndTopicSettings(String dir) {
        Kustomize.Rendered r = Kustomize.render(dir);
        Set<String> topicConfigs = DeploymentContract.kafkaTopicConfigNames();
        List<KafkaTopic> topics = r.all(KafkaTopic.class);
        for (KafkaTopic t : topics) {
            KafkaTopicSpec spec = t.getSpec();
            assertThat(spec.getTopicName()).as("explicit topicName").isNotNull();
            assertThat(spec.getPartitions()).as("explicit partitions").isNotNull();
            assertThat(spec.getReplicas()).as("explicit replicas").isNotNull();
            assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
            Map<String, Object> config = spec.getConfig() == null ? Map.of() : spec.getConfig();
            assertThat(topicConfigs).as("KafkaTopic " + t.getMetadata().getName() + " config keys are Kafka topic settings")
                    .containsAll(config.keySet());
        }
        assertThat(topics.stream().map(t -> t.getMetadata().getLabels().get("strimzi.io/cluster")).distinct())
                .as("all topics belong to one Kafka cluster").hasSize(1);
    }

    @Test
    void theExampleOverlayChangesNamespaceImageReplicasResourcesAndSettings() {
        Kustomize.Rendered base = Kustomize.render(BASE);
        Kustomize.Rendered overlay = Kustomize.render(OVERLAY);
        assertThat(overlay.only(Namespace.class).getMetadata().getName())
                .isNotEqualTo(base.only(Namespace.class).getMetadata().getName());
        Workload baseStream = Manifests.workload(base, "tickcast-stream");
        Workload overlayStream = Manifests.workload(overlay, "tickcast-stream");
        assertThat(overlayStream.container().getImage()).isNotEqualTo(baseStream.container().getImage());
        assertThat(Manifests.workload(overlay, "tickcast-trainer").container().getImage())
                .isEqualTo(overlayStream.container().getImage());
        assertThat(overlayStream.replicas()).isNotEqualTo(baseStream.replicas());
        assertThat(overlayStream.container().getResources()).isNotEqualTo(baseStream.container().getResources());
        assertThat(Manifests.literalEnv(overlay, overlayStream.container()))
                .isNotEqualTo(Manifests.literalEnv(base, baseStream.container()));
        assertThat(overlay.only(ConfigMap.class).getMetadata().getName())
                .as("the ConfigMap's hashed name changes with its content, so pods roll")
                .isNotEqualTo(base.only(ConfigMap.class).getMetadata().getName());
        assertThat(Manifests.trainer(overlay).getSpec().getReplicas()).as("the overlay keeps one trainer").isEqualTo(1);
    }
}
