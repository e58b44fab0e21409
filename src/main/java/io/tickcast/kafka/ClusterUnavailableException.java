package io.tickcast.kafka;

/** The cluster cannot be used: no answer, refused security settings, or a missing topic; the message says which. */
public final class ClusterUnavailableException extends IllegalStateException {

    ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
