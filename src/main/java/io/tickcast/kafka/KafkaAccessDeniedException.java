package io.tickcast.kafka;

/**
 * The cluster refused this client: its credentials, or a permission tickcast needs. The message names the principal,
 * and for a missing permission the operation and the resource, e.g. {@code User:tickcast lacks WRITE on topic
 * forecasts (needed by: stream)}; docs/security.md lists every ACL tickcast needs.
 */
public final class KafkaAccessDeniedException extends IllegalStateException {

    KafkaAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
