package dev.twoway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

import dev.twoway.it.support.TestMySql;

/**
 * The CPU time spent over one tool's timed span by the MySQL server, by this JVM (the bench's
 * writer, the Kafka broker and the Connect worker twoway runs in, JIT and GC threads included)
 * and by the child processes it has waited for (pt-online-schema-change, gh-ost), read from
 * {@code /proc}: on a machine of two cores, where every one of them shares the cores with the
 * server, what each costs is what the totals alone do not show. The server's share is read only
 * when it runs on this machine ({@code /proc/<pid>} of the server's main thread names mysqld);
 * else it is n/a. Linux reports these times in USER_HZ, 100 per second on every architecture
 * Java runs on here.
 */
final class CpuSpan {
    private static final double USER_HZ = 100.0;
    private static final Path SELF = Path.of("/proc/self/stat");

    private final OptionalLong serverPid;
    private final long startNanos;
    private final long[] startSelf;
    private final long startServer;
    private long endNanos;
    private long[] endSelf;
    private long endServer;

    private CpuSpan(OptionalLong serverPid) {
        this.serverPid = serverPid;
        this.startServer = serverTicks();
        this.startSelf = selfTicks();
        this.startNanos = System.nanoTime();
    }

    static CpuSpan start(TestMySql mysql) {
        return new CpuSpan(serverPid(mysql));
    }

    /** A span whose "server" is the process {@code pid} (tests). */
    static CpuSpan start(long pid) {
        return new CpuSpan(OptionalLong.of(pid));
    }

    /** Ends the span; the first call counts. */
    CpuSpan stop() {
        if (endSelf == null) {
            endNanos = System.nanoTime();
            endSelf = selfTicks();
            endServer = serverTicks();
        }
        return this;
    }

    /** The span's figures into {@code sample} (ending it if still open). */
    void record(Sample sample) {
        stop();
        double server = startServer < 0 || endServer < 0 ? Double.NaN : (endServer - startServer) / USER_HZ;
        boolean self = startSelf != null && endSelf != null;
        double jvm = self ? (endSelf[0] - startSelf[0]) / USER_HZ : Double.NaN;
        double children = self ? (endSelf[1] - startSelf[1]) / USER_HZ : Double.NaN;
        double seconds = (endNanos - startNanos) / 1e9;
        sample.with(Metric.SERVER_CPU_S, server).with(Metric.JVM_CPU_S, jvm).with(Metric.TOOL_CPU_S, children);
        if (!Double.isNaN(server) && !Double.isNaN(jvm)) {
            sample.with(Metric.CORES_BUSY, (server + jvm + children) / seconds);
        }
    }

    /** The server's process id, when it runs here: its main thread's OS id is the process's. */
    private static OptionalLong serverPid(TestMySql mysql) {
        try {
            List<String> ids = mysql.column(
                    "SELECT THREAD_OS_ID FROM performance_schema.threads WHERE NAME = 'thread/sql/main'");
            if (ids.isEmpty() || ids.get(0) == null) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(ids.get(0));
            Path comm = Path.of("/proc", Long.toString(pid), "comm");
            return Files.isReadable(comm) && Files.readString(comm).trim().matches("mysqld|mariadbd")
                    ? OptionalLong.of(pid) : OptionalLong.empty();
        }
        catch (SQLException | IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private long serverTicks() {
        if (serverPid.isEmpty()) {
            return -1;
        }
        long[] fields = ticks(Path.of("/proc", Long.toString(serverPid.getAsLong()), "stat"));
        return fields == null ? -1 : fields[0];
    }

    private static long[] selfTicks() {
        return ticks(SELF);
    }

    /** utime + stime, and cutime + cstime (children waited for), of a {@code /proc/<pid>/stat}; null if unreadable. */
    private static long[] ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            // Fields after the command's closing parenthesis start at field 3 (state); utime is field 14.
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
