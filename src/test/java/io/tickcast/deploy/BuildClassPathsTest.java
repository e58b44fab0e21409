package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The two class paths Maven makes before the tests: target/image-lib, the container image's lib/ (the runtime scope,
 * without the PyTorch native jar), and target/demo-lib, the demo's in-process broker (tickcast-broker.jar, compiled
 * from src/broker, and the jars only the broker brings). The broker is a test-scope dependency: the first cannot hold
 * it; these tests show that it does not, and that the second carries it.
 */
class BuildClassPathsTest {

    static final Path IMAGE_LIB = Path.of("target", "image-lib");
    static final Path DEMO_LIB = Path.of("target", "demo-lib");
    static final String BROKER_JAR = "tickcast-broker.jar";
    private static final String REGISTRATION = "META-INF/services/io.tickcast.kafka.InProcessBroker$Starter";
    private static final String STARTER = "io.tickcast.broker.EmbeddedKafka$Starter";

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A jar's artifact id: its file name without version and classifier ({@code kafka_2.13-4.4.0.jar}: kafka_2.13). */
    private static String artifact(Path jar) {
        return jar.getFileName().toString().replaceAll("-\\d.*", "").replaceAll("\\.jar$", "");
    }

    @Test
    void theImageClassPathCarriesNoBrokerNoScalaAndNoNativeJar() throws IOException {
        List<Path> jars = jars(IMAGE_LIB);
        assertThat(jars).as("mvn generate-test-resources fills " + IMAGE_LIB).isNotEmpty();
        Map<String, String> offending = new TreeMap<>();
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                j.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("kafka/server/") || n.startsWith("scala/") || n.startsWith("native/lib/"))
                        .findFirst().ifPresent(n -> offending.put(jar.getFileName().toString(), n));
            }
        }
        assertThat(offending).as("jars with broker, Scala or native-library entries").isEmpty();
        assertThat(jars).extracting(j -> j.getFileName().toString().replaceAll("-\\d.*", ""))
                .contains("kafka-streams", "kafka-clients", "pytorch-engine", "pytorch-jni", "rocksdbjni");
    }

    @Test
    void theDemoLibHoldsTheBrokerAndNoOtherVersionOfAJarTheServiceHas() throws IOException {
        List<Path> demo = jars(DEMO_LIB);
        assertThat(demo).extracting(BuildClassPathsTest::artifact)
                .contains("kafka_2.13", "kafka-server", "kafka-raft", "kafka-metadata", "scala-library", "tickcast-broker")
                .doesNotContain("kafka-clients", "kafka-streams", "pytorch-native-cpu");
        Map<String, String> service = jars(IMAGE_LIB).stream()
                .collect(Collectors.toMap(BuildClassPathsTest::artifact, j -> j.getFileName().toString()));
        for (Path jar : demo) {
            String same = service.get(artifact(jar));
            if (same != null) {
                assertThat(jar.getFileName().toString()).as("a jar both class paths hold, in one version").isEqualTo(same);
            }
        }
    }

    @Test
    void theBrokerJarHoldsTheBrokerAndItsRegistrationOnly() throws IOException {
        try (JarFile jar = new JarFile(DEMO_LIB.resolve(BROKER_JAR).toFile())) {
            List<String> entries = jar.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).toList();
            assertThat(entries).contains("io/tickcast/broker/EmbeddedKafka.class", "io/tickcast/broker/EmbeddedKafka$Starter.class",
                    REGISTRATION);
            assertThat(entries).allMatch(n -> n.startsWith("io/tickcast/broker/") || n.equals(REGISTRATION)
                    || n.equals("META-INF/MANIFEST.MF") || n.startsWith("META-INF/maven/"));
            String registration = new String(jar.getInputStream(jar.getEntry(REGISTRATION)).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(registration.strip()).isEqualTo(STARTER);
        }
    }

    @Test
    void theServiceFindsTheBrokerOnlyWithTheDemoLib() throws Exception {
        List<Path> service = new ArrayList<>(List.of(Path.of("target", "classes")));
        service.addAll(jars(IMAGE_LIB));
        assertThat(starterOn(service)).as("the image's class path").isEmpty();

        List<Path> brokerJarAlone = new ArrayList<>(service);
        brokerJarAlone.add(DEMO_LIB.resolve(BROKER_JAR));
        assertThat(starterOn(brokerJarAlone)).as("the broker jar without the broker's jars: no starter, not an error")
                .isEmpty();

        List<Path> launcher = new ArrayList<>(service);
        launcher.addAll(jars(DEMO_LIB));
        assertThat(starterOn(launcher)).as("the service with target/demo-lib, as ./tickcast runs it").hasValue(STARTER);
    }

    /** The class name of the starter {@code InProcessBroker.starter} finds on exactly these class path entries. */
    private static Optional<String> starterOn(List<Path> classPath) throws Exception {
        URL[] urls = classPath.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> api = Class.forName("io.tickcast.kafka.InProcessBroker", true, loader);
            Optional<?> starter = (Optional<?>) api.getMethod("starter", ClassLoader.class).invoke(null, loader);
            return starter.map(Object::getClass).map(Class::getName);
        }
    }
}
