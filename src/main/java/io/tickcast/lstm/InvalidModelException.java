package io.tickcast.lstm;

/** Model bytes that are not a usable tickcast model: wrong magic, unsupported format, or damaged. */
public final class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
