package dev.twoway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A Java Flight Recorder recording of the bench's JVM over one tool's run, with the JDK's
 * {@code profile} settings: JFR is the JVM's own profiler, so a run is recorded by the JVM that
 * runs the worker, the broker and the writer, with no agent. Read a recording with the JDK's
 * {@code jfr} tool ({@code jfr view hot-methods FILE}, {@code jfr view thread-cpu-load FILE} on
 * JDK 21 and later). Without a directory it records nothing.
 */
final class Profile implements AutoCloseable {
    private final Recording recording;
    private final Path file;

    private Profile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    static Profile start(Optional<Path> directory, Sample sample) {
        if (directory.isEmpty()) {
            return new Profile(null, null);
        }
        try {
            Files.createDirectories(directory.get());
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("twoway bench " + sample.tool());
            recording.start();
            return new Profile(recording, directory.get().resolve(fileName(sample)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (ParseException e) {
            throw new IllegalStateException("the JDK's JFR profile settings do not parse", e);
        }
    }

    /** {@code twoway-no-topic-yet-idle-1.jfr}: the tool's name in lower case, letters and digits only. */
    static String fileName(Sample sample) {
        String tool = sample.tool().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return tool + "-" + sample.condition().name() + "-" + sample.run() + ".jfr";
    }

    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try (recording) {
            recording.stop();
            recording.dump(file);
            System.out.println("profile of " + file.getFileName() + ": " + file.toAbsolutePath());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
