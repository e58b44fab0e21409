package io.tickcast.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = TickcastCli.class.getPackage().getImplementationVersion();
        return new String[] {"tickcast " + (v == null ? "dev" : v)};
    }
}
