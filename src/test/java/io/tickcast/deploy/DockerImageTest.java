package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickcast.deploy.Dockerfile.Instruction;
import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile and .dockerignore, read as text: no Docker engine runs here. */
class DockerImageTest {

    static final String PATH = "docker/Dockerfile";
    private final Dockerfile df = Dockerfile.read(PATH);

    @Test
    void buildsWithMavenOnJdk17AndRunsOnAJre17() {
        List<Instruction> froms = df.all("FROM");
        assertThat(froms).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        String build = df.resolveArgs(froms.get(0).args());
        assertThat(build).as("build stage").matches("maven:\\S*temurin-17\\S* AS build");
        String runtime = df.resolveArgs(df.last("FROM").args());
        assertThat(runtime).as("runtime stage").startsWith("eclipse-temurin:17-jre");
        List<Instruction> buildStage = df.instructions().subList(0, df.instructions().indexOf(df.last("FROM")));
        assertThat(buildStage).as("the build stage packages the jar without running the tests")
                .anySatisfy(i -> assertThat(i.keyword() + " " + i.args()).matches("RUN .*mvn -B -DskipTests package"));
    }

    @Test
    void theRuntimeStageHoldsWhatMavenPackageProducesAndRunsIt() {
        String jar = ProjectFiles.pomFinalName() + ".jar";
        String workdir = df.finalStage().stream().filter(i -> i.keyword().equals("WORKDIR")).reduce((a, b) -> b)
                .orElseThrow().args();
        List<String> copied = new ArrayList<>();
        for (Instruction i : df.finalStage()) {
            if (i.keyword().equals("COPY") && "build".equals(i.flag("from"))) {
                copied.add(i.args().replaceFirst("--from=build\\s+", ""));
            }
        }
        // the jar's manifest has Class-Path lib/...: the jar and lib/ must sit side by side; lib/ is the lean class
        // path BuildClassPathsTest checks (no broker, no Scala, no native jar), libtorch/ the extracted PyTorch
        assertThat(copied).contains("/build/" + BuildClassPathsTest.IMAGE_LIB + "/ ./lib/", "/build/target/" + jar + " ./" + jar,
                "/build/libtorch/ ./libtorch/");
        assertThat(df.env("PYTORCH_LIBRARY_PATH")).isEqualTo(workdir + "/libtorch");
        List<String> entrypoint = df.last("ENTRYPOINT").execForm();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", workdir + "/" + jar);
        List<String> cmd = df.last("CMD").execForm();
        assertThat(cmd).containsExactly("run");
        DeploymentContract.parseCli(cmd, PATH + " CMD");
    }

    @Test
    void runsAsAFixedNonRootUser() {
        String uid = df.argDefault("UID");
        String gid = df.argDefault("GID");
        assertThat(uid).as("ARG UID").matches("\\d+").isNotEqualTo("0");
        assertThat(gid).as("ARG GID").matches("\\d+").isNotEqualTo("0");
        Instruction user = df.last("USER");
        assertThat(df.resolveArgs(user.args())).isEqualTo(uid + ":" + gid);
        assertThat(df.instructions().indexOf(user)).as("USER comes after every RUN (the build-time steps need root)")
                .isGreaterThan(df.instructions().indexOf(df.last("RUN")));
        assertThat(df.text()).contains("useradd --system --uid \"${UID}\" --gid \"${GID}\"").contains("groupadd --system --gid \"${GID}\"");
    }

    @Test
    void theJvmSizesItselfFromTheContainerAndExitsOnOutOfMemory() {
        String options = df.env("JAVA_TOOL_OPTIONS");
        assertThat(options).as("ENV JAVA_TOOL_OPTIONS").isNotNull().contains("-XX:+ExitOnOutOfMemoryError");
        Matcher m = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)").matcher(options);
        assertThat(m.find()).as("-XX:MaxRAMPercentage in " + options).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("heap share: RocksDB and libtorch need memory outside the heap")
                .isBetween(25.0, 75.0);
        assertThat(options).doesNotContain("-Xmx");
    }

    @Test
    void djlRunsOfflineFromNativeLibrariesExtractedAtBuildTime() {
        String cache = df.env("DJL_CACHE_DIR");
        String workdir = df.finalStage().stream().filter(i -> i.keyword().equals("WORKDIR")).reduce((a, b) -> b).orElseThrow().args();
        assertThat(cache).as("DJL_CACHE_DIR inside the image").startsWith(workdir + "/");
        Instruction warmup = df.finalStage().stream()
                .filter(i -> i.keyword().equals("RUN") && i.args().contains("-jar tickcast.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("no build-time RUN that loads the DJL engine"));
        assertThat(warmup.args()).contains("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "libtorch_cpu.so");
        assertThat(df.instructions().indexOf(warmup)).isGreaterThan(df.instructions().indexOf(
                df.finalStage().stream().filter(i -> i.keyword().equals("ENV") && i.args().contains("DJL_CACHE_DIR")).findFirst().orElseThrow()));
        Matcher m = Pattern.compile("-jar tickcast\\.jar (.+?)(?: &&|$)").matcher(warmup.args());
        assertThat(m.find()).isTrue();
        DeploymentContract.parseCli(Arrays.asList(m.group(1).trim().split("\\s+")), PATH + " build-time warm-up");

        List<String> entrypoint = df.last("ENTRYPOINT").execForm();
        assertThat(entrypoint).contains("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1");
    }

    @Test
    void nativeThreadPoolsRunOneThread() {
        DeploymentContract.NATIVE_THREADS_ENV.forEach((name, value) -> assertThat(df.env(name)).as("ENV " + name).isEqualTo(value));
    }

    @Test
    void theHealthcheckAndExposedPortFollowTheHttpContract() {
        String port = ConfigKey.HTTP_PORT.defaultValue();
        assertThat(df.all("EXPOSE")).extracting(Instruction::args).containsExactly(port);
        String check = df.last("HEALTHCHECK").args();
        assertThat(check).contains("CMD curl -fsS")
                .contains("http://127.0.0.1:${" + ConfigKey.HTTP_PORT.envVar() + ":-" + port + "}/health/live");
        assertThat(df.env(ConfigKey.STATE_DIR.envVar())).as("the image's state dir").startsWith("/var/lib/tickcast/");
        assertThat(df.text()).as("the state dir exists and belongs to the user, so an empty volume mounted there inherits that")
                .contains("mkdir -p " + df.env(ConfigKey.STATE_DIR.envVar()))
                .contains("chown -R \"${UID}:${GID}\" /var/lib/tickcast");
    }

    @Test
    void theBuildContextHoldsWhatTheDockerfileCopiesAndLittleElse() {
        List<String> patterns = ProjectFiles.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (Instruction i : df.all("COPY")) {
            if (i.flag("from") == null) {
                String[] parts = i.args().split("\\s+");
                for (int k = 0; k < parts.length - 1; k++) {
                    String source = parts[k].replaceAll("/$", "");
                    assertThat(ProjectFiles.path(source)).as("COPY source " + source).exists();
                    assertThat(ignored(patterns, source)).as("COPY source " + source + " is in the build context").isFalse();
                }
            }
        }
        // the in-process broker's sources (src/broker) are not even in the image build: its class path cannot get them
        for (String out : List.of("target/tickcast.jar", ".git/HEAD", "src/test/java/io/tickcast/deploy/DockerImageTest.java",
                "src/broker/java/io/tickcast/broker/EmbeddedKafka.java", "target/demo-lib", "k8s/base/kustomization.yaml",
                "README.md")) {
            assertThat(ignored(patterns, out)).as(out + " stays out of the build context").isTrue();
        }
    }

    /** .dockerignore semantics: the last matching pattern wins; a match on a parent directory covers its files. */
    private static boolean ignored(List<String> patterns, String path) {
        boolean ignored = false;
        for (String pattern : patterns) {
            boolean negate = pattern.startsWith("!");
            String glob = (negate ? pattern.substring(1) : pattern).replaceAll("^/|/$", "");
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (Path p = Path.of(path); p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    ignored = !negate;
                    break;
                }
            }
        }
        return ignored;
    }
}
