package io.tickcast;

/**
 * Keeps the fast loop fast: a test that starts a Kafka broker or another JVM is an integration test (a class named
 * {@code *IT}, run by Failsafe in {@code mvn verify}). Surefire runs with {@code tickcast.test.phase=unit}; there,
 * {@link #requireIntegration} fails the test and says how to fix it. Outside Maven (an IDE) anything may run.
 */
public final class TestPhase {

    private TestPhase() {
    }

    /** Fails under Surefire: {@code what} (e.g. "a Kafka broker") belongs in an integration test. */
    public static void requireIntegration(String what) {
        if ("unit".equals(System.getProperty("tickcast.test.phase"))) {
            throw new IllegalStateException("this test starts " + what + ", so it is an integration test: name its class "
                    + "*IT (Failsafe, mvn verify); mvn test runs unit and TopologyTestDriver tests only");
        }
    }
}
