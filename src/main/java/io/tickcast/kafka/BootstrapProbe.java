package io.tickcast.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;

/**
 * Opens a plain TCP connection to each bootstrap server, to tell "nothing listens there" from "something
 * listens but does not talk Kafka with these settings" when a Kafka client got no answer.
 */
final class BootstrapProbe {

    /** What a plain connection to one address found. */
    enum Outcome { ACCEPTS, REFUSED, NO_ANSWER, UNKNOWN_HOST, NOT_HOST_PORT }

    private BootstrapProbe() {
    }

    /** Each address of {@code bootstrapServers} (comma-separated host:port), in order, with what a connection found. */
    static Map<String, Outcome> probe(String bootstrapServers, Duration connectTimeout) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String address : bootstrapServers.split(",")) {
            String a = address.trim();
            if (!a.isEmpty()) {
                outcomes.put(a, connect(a, connectTimeout));
            }
        }
        return outcomes;
    }

    private static Outcome connect(String address, Duration timeout) {
        String host = Utils.getHost(address);
        Integer port = Utils.getPort(address);
        if (host == null || port == null) {
            return Outcome.NOT_HOST_PORT;
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            return Outcome.UNKNOWN_HOST;
        }
        try (Socket s = new Socket()) {
            s.connect(target, (int) timeout.toMillis());
            return Outcome.ACCEPTS;
        } catch (ConnectException e) {
            return Outcome.REFUSED;
        } catch (SocketTimeoutException e) {
            return Outcome.NO_ANSWER;
        } catch (IOException e) {   // no route to host and the like
            return Outcome.NO_ANSWER;
        }
    }

    /** The likely reason a client using {@code securityProtocol} got no answer, given what the probe found. */
    static String likelyCause(Map<String, Outcome> outcomes, String securityProtocol) {
        if (outcomes.isEmpty()) {
            return "no bootstrap servers are set (bootstrap.servers, -b)";
        }
        List<String> accepting = with(outcomes, Outcome.ACCEPTS);
        if (!accepting.isEmpty()) {
            return String.join(", ", accepting) + " accepts connections but did not answer as a Kafka broker speaking "
                    + securityProtocol + ": the listener most likely uses another security protocol (security.protocol "
                    + "must match the broker's listener: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL; set it with "
                    + "kafka.security.protocol), or it is not a Kafka listener, or the brokers' advertised listeners "
                    + "cannot be reached from here";
        }
        List<String> malformed = with(outcomes, Outcome.NOT_HOST_PORT);
        if (!malformed.isEmpty()) {
            return String.join(", ", malformed) + " is not HOST:PORT";
        }
        List<String> unknown = with(outcomes, Outcome.UNKNOWN_HOST);
        if (!unknown.isEmpty()) {
            return "the host of " + String.join(", ", unknown) + " cannot be resolved (" + resolverError(unknown.get(0))
                    + "): a misspelt name, or no DNS for it here";
        }
        List<String> refused = with(outcomes, Outcome.REFUSED);
        if (refused.size() == outcomes.size()) {
            return "nothing listens at " + String.join(", ", refused)
                    + " (connection refused): the broker is down, or the host or port is wrong";
        }
        return "no connection to " + String.join(", ", with(outcomes, Outcome.NO_ANSWER))
                + " could be opened: the host is down or unreachable, or a firewall drops the traffic";
    }

    /** What the resolver says about the host of {@code address} (the JVM caches the failed lookup: no second query). */
    private static String resolverError(String address) {
        try {
            InetAddress.getAllByName(Utils.getHost(address));
            return "resolved now, but not when probed";
        } catch (UnknownHostException e) {
            return "UnknownHostException: " + e.getMessage();
        }
    }

    private static List<String> with(Map<String, Outcome> outcomes, Outcome wanted) {
        List<String> addresses = new ArrayList<>();
        outcomes.forEach((address, outcome) -> {
            if (outcome == wanted) {
                addresses.add(address);
            }
        });
        return addresses;
    }
}
