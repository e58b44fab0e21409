package io.tickcast.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import io.tickcast.broker.EmbeddedKafka;
import org.junit.jupiter.api.Test;

/** Where the demo finds its in-process broker, and what it says where there is none. */
class DemoBrokerTest {

    @Test
    void onTheTestClassPathItFindsTheBrokerOfSrcBroker() {
        assertThat(DemoRun.brokerStarter()).isInstanceOf(EmbeddedKafka.Starter.class);
    }

    @Test
    void whereTheClassPathHasNoBrokerItSaysWhyAndWhatToRun() throws Exception {
        URL classes = Path.of("target", "classes").toUri().toURL();
        try (URLClassLoader service = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThat(service.getResource("META-INF/services/io.tickcast.kafka.InProcessBroker$Starter"))
                    .as("the service's own classes register no broker").isNull();
            assertThatThrownBy(() -> DemoRun.brokerStarter(service)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("leaves the broker out").hasMessageContaining("./tickcast demo")
                    .hasMessageContaining("target/demo-lib");
        }
    }
}
