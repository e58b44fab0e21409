package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tickcast.kafka.BootstrapProbe.Outcome;
import org.junit.jupiter.api.Test;

class BootstrapProbeTest {

    @Test
    void tellsAListeningPortFromAClosedOneAndFromNonsense() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            String servers = "127.0.0.1:" + open.getLocalPort() + ", 127.0.0.1:" + closed + ",nonsense";
            assertThat(BootstrapProbe.probe(servers, Duration.ofSeconds(1))).containsExactly(
                    Map.entry("127.0.0.1:" + open.getLocalPort(), Outcome.ACCEPTS),
                    Map.entry("127.0.0.1:" + closed, Outcome.REFUSED),
                    Map.entry("nonsense", Outcome.NOT_HOST_PORT));
        }
    }

    @Test
    void theLikelyCauseFollowsWhatTheConnectionsFound() {
        assertThat(BootstrapProbe.likelyCause(outcomes("a:1", Outcome.REFUSED, "b:2", Outcome.ACCEPTS), "SSL"))
                .startsWith("b:2 accepts connections but did not answer as a Kafka broker speaking SSL");
        assertThat(BootstrapProbe.likelyCause(outcomes("a:1", Outcome.REFUSED, "b:2", Outcome.REFUSED), "PLAINTEXT"))
                .startsWith("nothing listens at a:1, b:2 (connection refused)");
        assertThat(BootstrapProbe.likelyCause(outcomes("a:1", Outcome.REFUSED, "b:2", Outcome.UNKNOWN_HOST), "PLAINTEXT"))
                .startsWith("the host of b:2 cannot be resolved");
        assertThat(BootstrapProbe.likelyCause(outcomes("a:1", Outcome.REFUSED, "b:2", Outcome.NO_ANSWER), "PLAINTEXT"))
                .startsWith("no connection to b:2 could be opened");
        assertThat(BootstrapProbe.likelyCause(Map.of(), "PLAINTEXT")).contains("no bootstrap servers");
    }

    private static Map<String, Outcome> outcomes(String a, Outcome first, String b, Outcome second) {
        Map<String, Outcome> m = new LinkedHashMap<>();
        m.put(a, first);
        m.put(b, second);
        return m;
    }
}
