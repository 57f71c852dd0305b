package dev.twoway.stack.operator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The operator's command line: {@code <command> [ID] [--connect URL] [--mysql URL] [--sidecar DB] [--timeout S]}. */
record OperatorOptions(String command, String migrationId, URI connect, String mysql, String sidecar,
                       Duration timeout, boolean all, boolean tty) {
    static final String DEFAULT_CONNECT = "http://127.0.0.1:8083";
    static final List<String> COMMANDS = List.of("migrations", "watch", "revert", "complete", "cancel");
    static final String USAGE = String.join("\n",
            "usage: ./twoway migrations [--all] [options]  every migration deployed: state, progress, lag, revert",
            "                                            window (--all: also the sidecars' rows of migrations whose",
            "                                            coordinator is not deployed there: finished, or another cluster's)",
            "       ./twoway watch ID [options]          its progress, live, until it settles",
            "       ./twoway revert ID [options]         swap the old table back in, and wait for it",
            "       ./twoway complete ID [options]       cut over (or re-apply after a revert), and wait for it",
            "       ./twoway cancel ID [options]         stop before the cut-over and drop the shadow, and wait",
            "  ID                the migration id (migration.id, by default the coordinator's name) or the",
            "                    coordinator connector's name",
            "  --connect URL     the Connect REST API (default: the running ./twoway stack, else " + DEFAULT_CONNECT + ")",
            "  --mysql URL       the MySQL holding the sidecar, jdbc:mysql://host:port/ (user and password from",
            "                    TWOWAY_MYSQL_USER, TWOWAY_MYSQL_PASSWORD); default: the database.* options of the",
            "                    coordinator, fetched through the REST API (${env:...} and ${file:...} resolved here)",
            "  --sidecar DB      the sidecar database (default: the connector's twoway.database, else _twoway)",
            "  --timeout S       how long revert, complete, cancel and watch wait (default 600 s)",
            "Exit status: 0 when the migration reached what was asked (watch: its target), 1 when it did not",
            "(refused, failed, gave up, timed out), 2 on a usage error or an unreachable API or server.");

    /** A usage error: the message and the usage. */
    static final class Usage extends IllegalArgumentException {
        Usage(String message) {
            super(message);
        }
    }

    static OperatorOptions parse(String... args) {
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        if (rest.isEmpty() || !COMMANDS.contains(rest.peek())) {
            throw new Usage(rest.isEmpty() ? "a command is needed" : "unknown command '" + rest.peek() + "'");
        }
        String command = rest.pop();
        String id = null;
        String connect = null;
        String mysql = null;
        String sidecar = null;
        Path stackInfo = null;
        Duration timeout = Duration.ofSeconds(600);
        boolean tty = false;
        boolean all = false;
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--connect" -> connect = value(arg, rest);
                case "--mysql" -> mysql = value(arg, rest);
                case "--sidecar" -> sidecar = value(arg, rest);
                case "--timeout" -> timeout = Duration.ofSeconds(seconds(value(arg, rest)));
                case "--stack-info" -> stackInfo = Path.of(value(arg, rest));
                case "--tty" -> tty = true;
                case "--all" -> all = true;
                default -> {
                    if (arg.startsWith("--") || id != null) {
                        throw new Usage("unexpected argument '" + arg + "'");
                    }
                    id = arg;
                }
            }
        }
        if (!command.equals("migrations") && id == null) {
            throw new Usage("./twoway " + command + " needs the migration's id");
        }
        if (command.equals("migrations") && id != null) {
            throw new Usage("./twoway migrations takes no id (watch ID shows one)");
        }
        if (all && !command.equals("migrations")) {
            throw new Usage("--all is an option of ./twoway migrations");
        }
        return new OperatorOptions(command, id, connectUrl(connect, stackInfo), mysql, sidecar, timeout, all, tty);
    }

    /** {@code --connect}, else the {@code rest.url} the running stack wrote, else the default. */
    private static URI connectUrl(String given, Path stackInfo) {
        String url = given != null ? given : restUrl(stackInfo).orElse(DEFAULT_CONNECT);
        try {
            URI uri = URI.create(url.endsWith("/") ? url : url + "/");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        }
        catch (IllegalArgumentException e) {
            throw new Usage("--connect must be a URL like " + DEFAULT_CONNECT + ", not '" + url + "'");
        }
    }

    private static Optional<String> restUrl(Path stackInfo) {
        if (stackInfo == null || !Files.isRegularFile(stackInfo)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(stackInfo).stream().filter(l -> l.startsWith("rest.url="))
                    .map(l -> l.substring("rest.url=".length()).trim()).findFirst();
        }
        catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new Usage(option + " needs a value");
        }
        return rest.pop();
    }

    private static long seconds(String text) {
        try {
            long s = Long.parseLong(text);
            if (s > 0) {
                return s;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Usage("--timeout must be a positive number of seconds, not '" + text + "'");
    }
}
