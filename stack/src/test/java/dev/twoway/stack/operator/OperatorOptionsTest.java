package dev.twoway.stack.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theRestUrlIsGivenOrTheRunningStacksOrTheDefault() throws IOException {
        assertEquals(URI.create("http://10.0.0.1:8083/"),
                OperatorOptions.parse("migrations", "--connect", "http://10.0.0.1:8083").connect());
        Path info = dir.resolve("stack.info");
        Files.writeString(info, "bootstrap.servers=127.0.0.1:9092\nrest.url=http://127.0.0.1:18083/\n");
        assertEquals(URI.create("http://127.0.0.1:18083/"),
                OperatorOptions.parse("migrations", "--stack-info", info.toString()).connect());
        assertEquals(URI.create("http://127.0.0.1:8083/"),
                OperatorOptions.parse("migrations", "--stack-info", dir.resolve("none").toString()).connect());
    }

    @Test
    void commandsNeedTheirIdAndNothingUnknown() {
        assertEquals("m1", OperatorOptions.parse("revert", "m1", "--timeout", "30").migrationId());
        assertThrows(OperatorOptions.Usage.class, () -> OperatorOptions.parse("revert"));
        assertThrows(OperatorOptions.Usage.class, () -> OperatorOptions.parse("migrations", "m1"));
        assertThrows(OperatorOptions.Usage.class, () -> OperatorOptions.parse("watch", "m1", "--nope"));
        assertThrows(OperatorOptions.Usage.class, () -> OperatorOptions.parse("revert", "m1", "--timeout", "0"));
        assertThrows(OperatorOptions.Usage.class, () -> OperatorOptions.parse("migrations", "--connect", "nowhere"));
    }

    @Test
    void aUsageErrorExitsWith2AndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Operator.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), "revert");
        assertEquals(2, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("needs the migration's id") && text.contains("usage:"), text);
    }

    @Test
    void connectsRefusalIsCutDownToItsReasons() {
        String message = "Connector configuration is invalid and contains the following 1 error(s):\n"
                + "migration.target: revert refused: the revert window closed at 2026-12-02T10:00:00Z\n"
                + "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
        assertEquals("migration.target: revert refused: the revert window closed at 2026-12-02T10:00:00Z",
                TargetChange.reasons(message));
    }
}
