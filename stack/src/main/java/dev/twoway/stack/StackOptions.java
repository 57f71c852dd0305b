package dev.twoway.stack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** The command line of {@link Stack}: where the REST API listens, where plugins and the log are. */
record StackOptions(int restPort, Path pluginPath, String pluginDiscovery, Path logFile, Path infoFile, int workers) {
    static final int MAX_WORKERS = 16;

    static final String USAGE = String.join("\n",
            "usage: Stack [--rest-port PORT] [--workers N] [--plugin-path DIR] [--plugin-discovery MODE] [--log-file FILE]",
            "             [--info-file FILE]",
            "  --rest-port    Connect REST port on 127.0.0.1 (default 8083; 0 picks a free one); with --workers N,",
            "                 worker i listens on PORT + i - 1",
            "  --workers      Connect workers in one group (default 1, in this JVM; 2 to " + MAX_WORKERS + ": each its own",
            "                 process, which kill -9 can crash, logging to the log file's name with -worker-i)",
            "  --plugin-path  Connect plugin.path (default distribution/target/plugins)",
            "  --plugin-discovery  Connect plugin.discovery: service_load (default; only plugins with a",
            "                 ServiceLoader manifest), hybrid_warn, hybrid_fail or only_scan",
            "  --log-file     where Kafka and Connect log (default stack/target/stack.log)",
            "  --info-file    written once ready with bootstrap.servers and rest.url, deleted on exit");

    static final List<String> DISCOVERY_MODES = List.of("service_load", "hybrid_warn", "hybrid_fail", "only_scan");

    static StackOptions parse(String... args) {
        int restPort = 8083;
        Path pluginPath = Path.of("distribution/target/plugins");
        String pluginDiscovery = "service_load";
        Path logFile = Path.of("stack/target/stack.log");
        Path infoFile = null;
        int workers = 1;
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--rest-port" -> restPort = port(value(option, rest));
                case "--plugin-path" -> pluginPath = Path.of(value(option, rest));
                case "--plugin-discovery" -> pluginDiscovery = discovery(value(option, rest));
                case "--log-file" -> logFile = Path.of(value(option, rest));
                case "--info-file" -> infoFile = Path.of(value(option, rest));
                case "--workers" -> workers = workers(value(option, rest));
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new StackOptions(restPort, pluginPath.toAbsolutePath().normalize(), pluginDiscovery,
                logFile.toAbsolutePath().normalize(),
                infoFile == null ? null : infoFile.toAbsolutePath().normalize(), workers);
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.pop();
    }

    private static String discovery(String text) {
        if (DISCOVERY_MODES.contains(text)) {
            return text;
        }
        throw new IllegalArgumentException("--plugin-discovery must be one of " + DISCOVERY_MODES + ", not '" + text + "'");
    }

    private static int workers(String text) {
        try {
            int workers = Integer.parseInt(text);
            if (workers >= 1 && workers <= MAX_WORKERS) {
                return workers;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--workers must be a number from 1 to " + MAX_WORKERS + ", not '" + text + "'");
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--rest-port must be a port number (0-65535), not '" + text + "'");
    }
}
