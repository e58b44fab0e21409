package io.tickcast.errors;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Failures in one line for a person: what went wrong, down to the root cause. Libraries wrap their causes
 * ("Failed to construct kafka consumer" around "No resolvable bootstrap urls given in bootstrap.servers"), and
 * some exceptions have no message at all (an {@link EOFException}); printing only the outer message hides
 * what to fix.
 */
public final class Causes {

    private Causes() {
    }

    /**
     * The message of {@code failure} followed by those of its causes that it does not already contain, the root
     * cause with its class name (e.g. {@code Failed to create new KafkaAdminClient: ConfigException: No resolvable
     * bootstrap urls given in bootstrap.servers}).
     */
    public static String chain(Throwable failure) {
        List<Throwable> links = links(failure);
        StringBuilder text = new StringBuilder(message(failure));
        for (int i = 1; i < links.size(); i++) {
            Throwable link = links.get(i);
            String m = link.getMessage();
            boolean root = i == links.size() - 1;
            if (m != null && !m.isBlank() && lower(text).contains(lower(m.strip()))) {
                continue;   // already said (a wrapper that repeats its cause's message)
            }
            if (root) {
                text.append(": ").append(link.getClass().getSimpleName());
                if (m != null && !m.isBlank()) {
                    text.append(": ").append(m.strip());
                }
            } else if (m != null && !m.isBlank()) {
                text.append(": ").append(m.strip());
            }
        }
        return text.toString();
    }

    /** The innermost cause of {@code failure} (itself if it has none). */
    public static Throwable root(Throwable failure) {
        List<Throwable> links = links(failure);
        return links.get(links.size() - 1);
    }

    /** The first throwable of {@code type} in the cause chain of {@code failure}, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t : links(failure)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * What an I/O error on a file means, in words (the JDK's messages for the common ones are just the path):
     * "no such file", "permission denied", "is a directory", "not UTF-8 text", "ends too early".
     */
    public static String ofFile(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a path component is not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        if (e instanceof EOFException) {
            return "ends too early" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if ("Is a directory".equals(e.getMessage())) {
            return "is a directory";
        }
        return chain(e);
    }

    private static String lower(CharSequence text) {
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }

    private static List<Throwable> links(Throwable failure) {
        List<Throwable> links = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            links.add(t);
        }
        return links;
    }
}
