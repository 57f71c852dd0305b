package dev.twoway.stack.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** scripts/mysql-sandbox.sh, asked whether the sandbox runs, and started or stopped. */
final class Sandbox {
    private static final int NOT_RUNNING = 3;

    private final Path script;

    Sandbox(Path repo) {
        this.script = repo.resolve("scripts/mysql-sandbox.sh");
    }

    /** True when it was already running; false when this call started it. */
    boolean ensureRunning() {
        Result status = run("status");
        if (status.code() == 0) {
            return true;
        }
        if (status.code() != NOT_RUNNING) {
            throw new DemoFailure("cannot use the MySQL sandbox: " + status.output().strip()
                    + " (set TWOWAY_MYSQL_URL to use an existing MySQL instead)");
        }
        // Its first start builds the chroot for minutes: let its progress show.
        Result start = run("start", true);
        if (start.code() != 0) {
            throw new DemoFailure("the MySQL sandbox did not start (see above)");
        }
        return false;
    }

    void stop() {
        Result stop = run("stop");
        if (stop.code() != 0) {
            throw new DemoFailure("stopping the sandbox: " + stop.output().strip());
        }
    }

    private record Result(int code, String output) {
    }

    private Result run(String action) {
        return run(action, false);
    }

    private Result run(String action, boolean shown) {
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), action).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (shown) {
                builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            }
            Process p = builder.start();
            String output = shown ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), output);
        }
        catch (IOException e) {
            throw new DemoFailure("cannot run " + script, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while running " + script + " " + action);
        }
    }
}
