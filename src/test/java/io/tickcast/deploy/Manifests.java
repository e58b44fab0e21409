package io.tickcast.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** Views of rendered manifests that several tests share: the workloads, their containers and settings. */
final class Manifests {

    static final String BASE = "k8s/base";
    static final String OVERLAY = "k8s/overlays/example";
    /** The example installation as the Strimzi KafkaUser tickcast (SCRAM-SHA-512 over TLS, ACLs). */
    static final String SECURED = "k8s/overlays/secured";
    static final String CONTAINER = "tickcast";

    private Manifests() {
    }

    /** A StatefulSet or Deployment, reduced to what the tests look at. */
    record Workload(String kind, String name, int replicas, Map<String, String> selector, PodTemplateSpec template) {

        Container container() {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(CONTAINER)).findFirst()
                    .orElseThrow(() -> new AssertionError(this + ": no container named " + CONTAINER));
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    static List<Workload> workloads(Kustomize.Rendered r) {
        List<Workload> result = new ArrayList<>();
        for (StatefulSet s : r.all(StatefulSet.class)) {
            result.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getReplicas(),
                    s.getSpec().getSelector().getMatchLabels(), s.getSpec().getTemplate()));
        }
        for (Deployment d : r.all(Deployment.class)) {
            result.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getReplicas(),
                    d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate()));
        }
        return result;
    }

    static StatefulSet stream(Kustomize.Rendered r) {
        return r.one(StatefulSet.class, "tickcast-stream");
    }

    static Deployment trainer(Kustomize.Rendered r) {
        return r.one(Deployment.class, "tickcast-trainer");
    }

    static Workload workload(Kustomize.Rendered r, String name) {
        return workloads(r).stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(r.dir() + ": no workload " + name));
    }

    /**
     * The plain environment a container gets: the data of the ConfigMaps it takes with envFrom, then its own
     * env entries that have a literal value (entries filled from a field or a Secret are left out).
     */
    static Map<String, String> literalEnv(Kustomize.Rendered r, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(r.one(ConfigMap.class, from.getConfigMapRef().getName()).getData());
            }
        }
        for (EnvVar v : c.getEnv()) {
            if (v.getValueFrom() == null) {
                env.put(v.getName(), v.getValue());
            }
        }
        return env;
    }

    static EnvVar envVar(Container c, String name) {
        return c.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst().orElse(null);
    }

    /** The container port a probe or Service refers to, by name or number. */
    static int resolvePort(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("container " + c.getName() + " has no port named " + port.getStrVal()));
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource r) {
        Object spec = r.getAdditionalProperties().get("spec");
        if (!(spec instanceof Map)) {
            throw new AssertionError(r.getKind() + " " + r.getMetadata().getName() + " has no spec");
        }
        return (Map<String, Object>) spec;
    }
}
