package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.Poll;

/**
 * {@code ./twoway demo} as a user runs it, in its own process with a deadline: it must pass its
 * own verification and leave nothing running behind (its stack's JVM gone, the REST port free).
 * The MySQL is the one of the test environment: TWOWAY_MYSQL_URL when set (inherited), else
 * the sandbox. Maven has built everything, so the launcher is told not to build again.
 */
class DemoIT {
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final Pattern REST = Pattern.compile("Connect REST: *(\\S+)");
    private static final Pattern STACK_PID = Pattern.compile("Kafka \\+ Connect starting as pid (\\d+)");

    @Test
    void demoRevertsUnderLoadVerifiesAndStopsWhatItStarted() throws Exception {
        Run run = demo("passing", "--rows", "5000");

        assertEquals(0, run.exitCode(), "exit status; output:\n" + run.output());
        assertTrue(run.has("rows differing from the writer's model\\s+0\\s+ok"), "0 differing rows:\n" + run.output());
        assertTrue(run.has("Savannah \\(inserted after the cut-over\\)\\s+title NULL\\s+ok"),
                "Savannah with a NULL title:\n" + run.output());
        assertTrue(run.has("Bob, id 2 \\(renamed after the cut-over\\)\\s+Robert, title Manager\\s+ok"),
                "the renamed user with the new name and the original title:\n" + run.output());
        assertTrue(run.has("(?m)^twoway demo: passed$"), run.output());
        assertNothingLeft(run);
    }

    @Test
    void deployRequestCutsOverAndRevertsItsThreeTablesAsOneAndVerifies() throws Exception {
        Run run = demo("deploy", "--rows", "5000", "--deploy");

        assertEquals(0, run.exitCode(), "exit status; output:\n" + run.output());
        assertTrue(run.has("rows differing from the writer's model\\s+0\\s+ok"), "0 differing rows:\n" + run.output());
        assertTrue(run.has("members reverted in one RENAME\\s+3 members, 1 cutover_at\\s+ok"), run.output());
        assertTrue(run.has("sessions \\(dropped, then reverted\\)\\s+1000 rows\\s+ok"), run.output());
        assertTrue(run.has("user_notes \\(created, then reverted\\)\\s+parked as \\S+\\s+ok"), run.output());
        assertTrue(run.has("(?m)^twoway demo: passed$"), run.output());
        assertNothingLeft(run);
    }

    @Test
    void refusedStatementFailsWithTheCoordinatorsReasonAndStillStopsEverything() throws Exception {
        Run run = demo("refused", "--rows", "100", "--ddl", "ALTER TABLE users DROP COLUMN no_such_column");

        assertEquals(1, run.exitCode(), "exit status; output:\n" + run.output());
        assertTrue(run.has("(?m)^twoway demo: FAILED: .*no_such_column"), "the reason names the column:\n" + run.output());
        assertNothingLeft(run);
    }

    private record Run(int exitCode, String output) {
        boolean has(String regex) {
            return Pattern.compile(regex).matcher(output).find();
        }

        String group(Pattern pattern) {
            Matcher m = pattern.matcher(output);
            assertTrue(m.find(), "the demo printed " + pattern + ":\n" + output);
            return m.group(1);
        }
    }

    private static Run demo(String name, String... args) throws IOException, InterruptedException {
        Path repo = repoRoot();
        Path output = repo.resolve("integration-tests/target/demo-it-" + name + ".out");
        Files.createDirectories(output.getParent());
        String[] command = new String[args.length + 2];
        command[0] = repo.resolve("twoway").toString();
        command[1] = "demo";
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TWOWAY_DEMO_NO_BUILD", "1");
        Process process = builder.start();
        try {
            Poll.until(DEADLINE, () -> "the demo ending; it printed:\n" + read(output), () -> !process.isAlive());
        }
        finally {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: the demo's shutdown hook stops what it started
                process.waitFor();
            }
        }
        return new Run(process.exitValue(), read(output));
    }

    private static void assertNothingLeft(Run run) {
        long stackPid = Long.parseLong(run.group(STACK_PID));
        assertFalse(ProcessHandle.of(stackPid).map(ProcessHandle::isAlive).orElse(false),
                "the stack's JVM (pid " + stackPid + ") is gone");
        URI rest = URI.create(run.group(REST));
        try (ServerSocket port = new ServerSocket(rest.getPort(), 1, InetAddress.getLoopbackAddress())) {
            assertTrue(port.isBound(), "the REST port " + rest.getPort() + " is free again");
        }
        catch (IOException e) {
            throw new AssertionError("the REST port " + rest.getPort() + " is still in use", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** The repository: config/'s parent as Failsafe passes it, else Maven's project directory. */
    private static Path repoRoot() {
        String configDir = System.getProperty("twoway.config.dir");
        Path root = configDir != null ? Path.of(configDir).getParent()
                : Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        return root.toAbsolutePath().normalize();
    }
}
