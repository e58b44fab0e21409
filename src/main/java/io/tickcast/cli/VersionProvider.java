package io.tickcast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine;

/** Reports the version the build wrote into {@code tickcast-build.properties} (Maven resource filtering). */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/tickcast-build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"tickcast " + version()};
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build tickcast with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
