package dev.twoway.source;

import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads Debezium's streaming metrics MBean of one connector,
 * {@code debezium.mysql:type=connector-metrics,context=streaming,server=<topic.prefix>}, in the
 * worker's JVM. Only reads; what the numbers mean is {@link StreamingVerdict}'s to decide.
 */
final class StreamingMetrics {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;

    StreamingMetrics(String topicPrefix) {
        try {
            // Debezium validates topic.prefix as a topic name ([a-zA-Z0-9._-]), which needs no quoting here.
            this.name = new ObjectName("debezium.mysql:type=connector-metrics,context=streaming,server=" + topicPrefix);
        }
        catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("no metrics name for topic.prefix '" + topicPrefix + "'", e);
        }
    }

    StreamingSample read() {
        try {
            if (!server.isRegistered(name)) {
                return StreamingSample.ABSENT;
            }
            return new StreamingSample(true, Boolean.TRUE.equals(server.getAttribute(name, "Connected")),
                    number("MilliSecondsSinceLastEvent"), number("MilliSecondsBehindSource"), number("NumberOfDisconnects"),
                    (String) server.getAttribute(name, "BinlogFilename"), number("BinlogPosition"));
        }
        catch (JMException | RuntimeException e) {
            // Unregistered between the two calls (Debezium stopping): the same as not registered.
            return StreamingSample.ABSENT;
        }
    }

    /** The tables Debezium holds a schema for ({@code db.table}), or none while it is not streaming. */
    List<String> knownTables() {
        try {
            Object tables = server.isRegistered(name) ? server.getAttribute(name, "CapturedTables") : null;
            return tables instanceof String[] names ? List.of(names) : List.of();
        }
        catch (JMException | RuntimeException e) {
            return List.of();
        }
    }

    private long number(String attribute) throws JMException {
        Object value = server.getAttribute(name, attribute);
        return value instanceof Number n ? n.longValue() : -1;
    }
}
