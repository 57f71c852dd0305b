package dev.twoway.it.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Waits until a source connector reads the binlog. A running task is not enough: Debezium first
 * reads the table structures and the binlog position, and a change committed before that
 * position is, by design, not streamed. Once its streaming metrics say connected, every later
 * commit will arrive. The embedded Connect worker runs in the test JVM, so its MBeans are ours.
 */
public final class SourceStreaming {
    private SourceStreaming() {
    }

    public static void await(String topicPrefix) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Poll.until(Duration.ofSeconds(60), "Debezium streaming of " + topicPrefix + " connected", () -> {
            ObjectName name = streaming(topicPrefix);
            return server.isRegistered(name) && Boolean.TRUE.equals(server.getAttribute(name, "Connected"));
        });
    }

    /**
     * Waits until the task of a deleted connector has stopped (Debezium unregisters its metrics
     * last): only then may a test drop the databases the connector writes to.
     */
    public static void awaitStopped(String topicPrefix) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Poll.until(Duration.ofSeconds(60), "Debezium streaming of " + topicPrefix + " stopped",
                () -> !server.isRegistered(streaming(topicPrefix)));
    }

    private static ObjectName streaming(String topicPrefix) throws MalformedObjectNameException {
        return new ObjectName("debezium.mysql:type=connector-metrics,context=streaming,server=" + topicPrefix);
    }
}
