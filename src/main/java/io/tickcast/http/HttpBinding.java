package io.tickcast.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;

import io.tickcast.config.TickcastConfig;
import io.tickcast.errors.Causes;

/**
 * The HTTP server's socket, bound to {@code http.host}:{@code http.port} before anything is served, so the port
 * (port 0 picks a free one) and the address this instance advertises for interactive queries
 * ({@link #advertised()}) are known before the parts the server serves are built. {@link HttpEndpoint#start}
 * serves on it; closing that closes the socket. Close this one only if it is never served on.
 */
public final class HttpBinding implements AutoCloseable {

    private final TickcastConfig.Http http;
    private final ServerSocketChannel channel;
    private final int port;

    private HttpBinding(TickcastConfig.Http http, ServerSocketChannel channel, int port) {
        this.http = http;
        this.channel = channel;
        this.port = port;
    }

    /**
     * Binds the socket (as Jetty would: the host as given, address reuse on).
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public static HttpBinding bind(TickcastConfig.Http http) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(http.host(), http.port()));
            return new HttpBinding(http, channel, ((InetSocketAddress) channel.getLocalAddress()).getPort());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("cannot start the HTTP server on " + http.host() + ":" + http.port() + " ("
                    + Causes.chain(e) + "); choose another with --set http.port=N (0: any free port)", e);
        }
    }

    /** The port bound (the configured one, or the free one port 0 picked). */
    public int port() {
        return port;
    }

    /** The bind address, as configured. */
    public String host() {
        return http.host();
    }

    /**
     * The HTTP settings with the port bound and the advertised host resolved: {@code http.advertised-host}, or when
     * it is empty {@code http.host}, or this machine's host name if that is a wildcard. The stream's
     * {@code application.server} is this host and port, so other instances send this one's queries here.
     */
    public TickcastConfig.Http advertised() {
        String host = http.advertisedHost();
        if (host.isBlank()) {
            host = isWildcard(http.host()) ? localHostName() : http.host();
        }
        return new TickcastConfig.Http(http.host(), port, host);
    }

    ServerSocketChannel channel() {
        return channel;
    }

    static boolean isWildcard(String host) {
        return host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Releases the socket (for a binding never served on; the server closes the one it serves on). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to release then
        }
    }
}
