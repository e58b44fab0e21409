package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Renders a kustomization with {@code kubectl kustomize} (as {@code kubectl apply -k} would) and parses the
 * result strictly. kubectl is required: without it the tests fail, saying so.
 */
final class Kustomize {

    /** kustomize 5 brought the {@code labels} and {@code patches} fields the manifests use. */
    private static final int MIN_KUSTOMIZE_MAJOR = 5;

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** One rendered kustomization, e.g. {@code k8s/base}. */
    record Rendered(String dir, String yaml, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
            if (found.size() != 1) {
                throw new AssertionError(dir + ": expected exactly one " + type.getSimpleName() + " named " + name + ", found "
                        + found.size());
            }
            return found.get(0);
        }

        <T extends HasMetadata> T only(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError(dir + ": expected exactly one " + type.getSimpleName() + ", found " + found.size());
            }
            return found.get(0);
        }

        List<GenericKubernetesResource> custom(String kind) {
            return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
        }
    }

    static Rendered render(String dir) {
        return CACHE.computeIfAbsent(dir, d -> {
            String yaml = kubectl("kustomize", ProjectFiles.path(d).toString());
            return new Rendered(d, yaml, StrictKubernetesYaml.parseAll(yaml, "kubectl kustomize " + d));
        });
    }

    /** Runs kubectl with these arguments and returns its standard output; fails the test on any problem. */
    static String kubectl(String... args) {
        checkKustomizeVersion();
        return run(args);
    }

    private static volatile boolean versionChecked;

    private static void checkKustomizeVersion() {
        if (versionChecked) {
            return;
        }
        String version = run("version", "--client");
        Matcher m = Pattern.compile("Kustomize Version:\\s*v?(\\d+)\\.").matcher(version);
        if (!m.find()) {
            fail("cannot tell kubectl's kustomize version from 'kubectl version --client':%n%s", version);
        }
        if (Integer.parseInt(m.group(1)) < MIN_KUSTOMIZE_MAJOR) {
            fail("kubectl's kustomize is too old for k8s/ (need v%d+, kubectl 1.27+):%n%s", MIN_KUSTOMIZE_MAJOR, version);
        }
        versionChecked = true;
    }

    private static String run(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        Path err = null;
        try {
            err = Files.createTempFile("kubectl", ".err");
            Process p;
            try {
                p = new ProcessBuilder(command).directory(ProjectFiles.ROOT.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("kubectl is not installed (or not on PATH): the deployment tests render k8s/ with"
                        + " 'kubectl kustomize'. Install kubectl 1.27+ and run them again. (" + e.getMessage() + ")", e);
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("running " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running kubectl", e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
