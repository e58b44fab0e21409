package io.tickcast.lstm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The process's native threads as Linux lists them in {@code /proc/self/task}. The JVM gives a Java thread's
 * native thread the Java name (its first 15 characters), and a native thread inherits the name of the thread
 * that starts it: so the native threads named like a Java thread are that thread plus the OpenMP pool it
 * started, if any.
 */
public final class NativeThreads {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux keeps a thread's name (comm) to 15 bytes. */
    private static final int NAME_LENGTH = 15;

    private NativeThreads() {
    }

    /** Whether this platform lists the threads (Linux). */
    public static boolean visible() {
        return Files.isDirectory(TASKS);
    }

    /** The native threads named like the Java thread {@code javaThreadName} (keep names to 15 ASCII characters). */
    public static int namedAs(String javaThreadName) {
        String name = javaThreadName.length() > NAME_LENGTH ? javaThreadName.substring(0, NAME_LENGTH) : javaThreadName;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return (int) tasks.filter(task -> name.equals(comm(task))).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (NoSuchFileException e) {
            return null; // the thread ended meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code action} on a new thread named {@code name}, waits for it, and returns its result or rethrows. */
    public static <T> T onNewThread(String name, Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, name);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
