package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** How a refusal is put in words: the principal from the client's settings (never its password), and the resource. */
class AccessDeniedTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"tickcast\" password=\"s3cret\";";

    @Test
    void thePrincipalIsTheJaasUserNameOrWhatTheProtocolImplies() {
        assertThat(AccessDenied.principal(props(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS))))
                .isEqualTo("User:tickcast");
        assertThat(AccessDenied.principal(props(Map.of("security.protocol", "sasl_plaintext", "sasl.jaas.config", JAAS))))
                .isEqualTo("User:tickcast");
        assertThat(AccessDenied.principal(props(Map.of()))).isEqualTo("User:ANONYMOUS");
        assertThat(AccessDenied.principal(props(Map.of("security.protocol", "SSL")))).contains("TLS certificate");
        assertThat(AccessDenied.principal(props(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "GSSAPI"))))
                .isEqualTo("this client's GSSAPI principal");
    }

    @Test
    void refusalsNameThePrincipalAndTheResourceButNeverThePassword() {
        Properties client = props(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS));
        assertThat(AccessDenied.describe(new TopicAuthorizationException(Set.of("b", "a")), client, null))
                .isEqualTo("User:tickcast was refused access to topics a, b");
        assertThat(AccessDenied.describe(new GroupAuthorizationException("denied", "tickcast"), client, null))
                .isEqualTo("User:tickcast was refused access to group tickcast");
        assertThat(AccessDenied.describe(new TransactionalIdAuthorizationException("Transactional Id authorization failed."),
                client, "transactional ids prefixed tickcast-"))
                .isEqualTo("User:tickcast lacks WRITE on transactional ids prefixed tickcast-");
        String login = AccessDenied.describe(new SaslAuthenticationException("Authentication failed"), client, null);
        assertThat(login).startsWith("User:tickcast could not authenticate (sasl.mechanism SCRAM-SHA-512)")
                .doesNotContain("s3cret");
    }

    @Test
    void theRefusalIsFoundAmongTheCauses() {
        TopicAuthorizationException denied = new TopicAuthorizationException(Set.of("forecasts"));
        assertThat(AccessDenied.find(new StreamsException("send failed", new RuntimeException(denied)))).isSameAs(denied);
        assertThat(AccessDenied.find(new StreamsException("something else"))).isNull();
    }

    private static Properties props(Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        return p;
    }
}
