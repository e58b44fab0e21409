package io.tickcast.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.tickcast.TestPhase;
import io.tickcast.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process broker per test class that authenticates and authorises: a SASL_SSL listener on 127.0.0.1 with
 * SCRAM-SHA-512 over TLS (a CA and the broker's certificate generated for the run with the JDK's {@code keytool}),
 * the KRaft {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}. Tickcast's clients use the
 * SASL_SSL listener only ({@link #clientSettings}). The broker's own PLAINTEXT listener (inter-broker traffic) is the
 * test's administration door: its principal {@code User:ANONYMOUS} is the super user that creates SCRAM credentials
 * and ACLs ({@link #admin()}); nothing of tickcast connects to it.
 */
public final class SecureKafkaBroker implements BeforeAllCallback, AfterAllCallback {

    private static final String STORE_PASSWORD = "store-secret-" + Long.toHexString(System.nanoTime());

    private Path certs;
    private Path truststore;
    private int securePort;
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestPhase.requireIntegration("a Kafka broker");
        certs = TempDirs.create("tickcast-certs-");
        Path keystore = generateCertificates(certs);
        truststore = certs.resolve("truststore.p12");
        securePort = EmbeddedKafka.freePort();
        kafka = EmbeddedKafka.start(p -> {
            p.put("listeners", p.getProperty("listeners") + ",SASL_SSL://127.0.0.1:" + securePort);
            p.put("advertised.listeners", p.getProperty("advertised.listeners") + ",SASL_SSL://127.0.0.1:" + securePort);
            p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
            p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            p.put("listener.name.sasl_ssl.ssl.keystore.location", keystore.toString());
            p.put("listener.name.sasl_ssl.ssl.keystore.password", STORE_PASSWORD);
            p.put("listener.name.sasl_ssl.ssl.key.password", STORE_PASSWORD);
            p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("allow.everyone.if.no.acl.found", "false");
            p.put("super.users", "User:ANONYMOUS");
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
        }
        TempDirs.deleteQuietly(certs);
    }

    /** The SASL_SSL listener: the only one tickcast's clients use. */
    public String bootstrapServers() {
        return "127.0.0.1:" + securePort;
    }

    /** The super user's door (PLAINTEXT): for the test's administration only. */
    public String adminBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The truststore (PKCS12) with the CA that signed the broker's certificate, and its password. */
    public Path truststore() {
        return truststore;
    }

    public String truststorePassword() {
        return STORE_PASSWORD;
    }

    /** tickcast's {@code kafka.*} settings for {@code user} and {@code password} (without the {@code kafka.} prefix). */
    public Map<String, String> clientSettings(String user, String password) {
        return Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", STORE_PASSWORD,
                "ssl.truststore.type", "PKCS12");
    }

    /** An admin client of the super user. */
    public Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", adminBootstrapServers());
        return Admin.create(p);
    }

    /** Creates (or replaces) the SCRAM-SHA-512 credentials of {@code user}. */
    public void addUser(String user, String password) throws Exception {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Grants {@code acls} and returns once the broker describes them: the controller acknowledges before the
     * broker's authorizer has applied them (seen under load: an empty description right after the grant).
     */
    public void grant(Collection<AclBinding> acls) throws Exception {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        awaitAcls(held -> held.containsAll(acls));
    }

    /** Revokes {@code acls} and returns once the broker no longer describes any of them. */
    public void revoke(Collection<AclBinding> acls) throws Exception {
        try (Admin admin = admin()) {
            admin.deleteAcls(acls.stream().map(AclBinding::toFilter).toList()).all().get(30, TimeUnit.SECONDS);
        }
        awaitAcls(held -> acls.stream().noneMatch(held::contains));
    }

    private void awaitAcls(java.util.function.Predicate<Collection<AclBinding>> applied) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> applied.test(acls()));
    }

    /** Every ACL the broker holds. */
    public Collection<AclBinding> acls() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A CA, the broker's key pair with a certificate the CA signed for 127.0.0.1 (subject alternative name, so
     * clients verify the host name as they do by default), and a truststore holding the CA. Returns the keystore.
     */
    private static Path generateCertificates(Path dir) {
        Path ca = dir.resolve("ca.p12");
        Path keystore = dir.resolve("broker.p12");
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=tickcast test CA", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", STORE_PASSWORD,
                "-file", dir.resolve("ca.crt").toString());
        keytool("-genkeypair", "-alias", "broker", "-dname", "CN=127.0.0.1", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-certreq", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", dir.resolve("broker.csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", STORE_PASSWORD,
                "-infile", dir.resolve("broker.csr").toString(), "-outfile", dir.resolve("broker.crt").toString(),
                "-validity", "2", "-ext", "SAN=IP:127.0.0.1", "-ext", "KU=digitalSignature,keyEncipherment",
                "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(),
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(),
                "-keystore", dir.resolve("truststore.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        return keystore;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
