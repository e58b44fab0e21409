package io.tickcast.kafka;

import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Says in words which client a Kafka authentication or authorization failure was about and what it was denied:
 * the principal (from the client's settings, never with its password), the resource and, where Kafka's exception
 * names it, the resource's name. Used by the commands' cluster check, the service's start-up access check and the
 * stream's failure handler, so they all say it the same way.
 */
public final class AccessDenied {

    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"([^\"]*)\"");

    private AccessDenied() {
    }

    /**
     * The principal the cluster most likely sees for these settings: {@code User:<username>} of the SASL JAAS settings
     * (PLAIN, SCRAM), {@code User:ANONYMOUS} for PLAINTEXT, or a description when Kafka derives it otherwise (a TLS
     * client certificate, Kerberos, OAuth). Never contains a password.
     */
    public static String principal(Properties client) {
        String protocol = client.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL).toUpperCase(Locale.ROOT);
        String jaas = client.getProperty(SaslConfigs.SASL_JAAS_CONFIG);
        if (protocol.startsWith("SASL") && jaas != null) {
            Matcher m = USERNAME.matcher(jaas);
            if (m.find()) {
                return "User:" + m.group(1);
            }
        }
        return switch (protocol) {
            case "PLAINTEXT" -> "User:ANONYMOUS";
            case "SSL" -> "the principal of this client's TLS certificate";
            default -> "this client's " + client.getProperty(SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM)
                    + " principal";
        };
    }

    /** The first Kafka authentication or authorization failure in {@code failure}'s causes, or null. */
    public static RuntimeException find(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof AuthorizationException || c instanceof AuthenticationException) {
                return (RuntimeException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /**
     * What {@code failure} (an authentication or authorization failure, see {@link #find}) says, in words naming the
     * principal: e.g. {@code User:tickcast was refused access to topic forecasts}, or {@code User:tickcast could not
     * authenticate (SCRAM-SHA-512): ...}. {@code transactionalIds} names the transactional id(s) the failing client
     * uses, for Kafka's exception does not.
     */
    public static String describe(RuntimeException failure, Properties client, String transactionalIds) {
        String who = principal(client);
        if (failure instanceof SslAuthenticationException) {
            return who + " could not set up TLS with the cluster: " + failure.getMessage();
        }
        if (failure instanceof SaslAuthenticationException || failure instanceof AuthenticationException) {
            return who + " could not authenticate (sasl.mechanism " + client.getProperty(SaslConfigs.SASL_MECHANISM,
                    SaslConfigs.DEFAULT_SASL_MECHANISM) + "): wrong user name or password, or no such user: "
                    + failure.getMessage();
        }
        if (failure instanceof TopicAuthorizationException t && !t.unauthorizedTopics().isEmpty()) {
            return who + " was refused access to " + (t.unauthorizedTopics().size() == 1 ? "topic " : "topics ")
                    + String.join(", ", new java.util.TreeSet<>(t.unauthorizedTopics()));
        }
        if (failure instanceof GroupAuthorizationException g && g.groupId() != null) {
            return who + " was refused access to group " + g.groupId();
        }
        if (failure instanceof TransactionalIdAuthorizationException) {
            return who + " lacks WRITE on " + (transactionalIds == null ? "its transactional id" : transactionalIds);
        }
        if (failure instanceof ClusterAuthorizationException) {
            return who + " was refused a cluster operation: " + failure.getMessage();
        }
        return who + " was refused: " + failure.getMessage();
    }

    /** E.g. {@code topic ticks}, {@code topics prefixed tickcast-}, {@code group tickcast}. */
    public static String resource(ResourceType type, String name, PatternType pattern) {
        String kind = switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactional id";
            case CLUSTER -> "cluster";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
        return pattern == PatternType.PREFIXED ? kind + "s prefixed " + name : kind + " " + name;
    }
}
