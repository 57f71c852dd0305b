package dev.twoway.sink;

/** The version Connect reports for the sink: the jar's, or "unknown" when run from classes. */
final class SinkVersion {
    private SinkVersion() {
    }

    static String get() {
        String version = SinkVersion.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
