package dev.twoway.stack;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points slf4j-simple at a file. Must run before the first logger exists, i.e. before any
 * Kafka class is touched: slf4j-simple reads its settings once.
 */
final class StackLog {
    private StackLog() {
    }

    static void sendTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the log file " + file, e);
        }
        setDefault("org.slf4j.simpleLogger.logFile", file.toString());
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        // Every client and config object dumps its full configuration at info: keep that out.
        setDefault("org.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.ConsumerConfig", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.ProducerConfig", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.kafka.clients.admin.AdminClientConfig", "warn");
        // java.util.logging (the binlog client uses it) would print to the terminal otherwise.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /**
     * Sends what libraries print to {@code System.out} (Kafka's storage formatter does) to the
     * log file too, so the terminal shows only the stack's own lines; returns the terminal.
     */
    static PrintStream keepTerminal(Path file) {
        PrintStream terminal = System.out;
        try {
            System.setOut(new PrintStream(new FileOutputStream(file.toFile(), true), true));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + file, e);
        }
        return terminal;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
