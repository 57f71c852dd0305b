package dev.twoway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import dev.twoway.it.support.TestMySql;

/** What the figures were measured on, in one line each. */
final class Machine {
    private Machine() {
    }

    static List<String> describe(TestMySql mysql) throws SQLException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return List.of(
                String.format("machine: %d cores (%s), %.1f GiB memory, %s %s", Runtime.getRuntime().availableProcessors(),
                        cpuModel(), os.getTotalMemorySize() / 1073741824.0, System.getProperty("os.name"),
                        System.getProperty("os.version")),
                String.format("MySQL %s on %s:%d, innodb_buffer_pool_size %s MiB, binlog on (ROW, GTIDs), sync_binlog %s, "
                                + "innodb_flush_log_at_trx_commit %s", mysql.value("SELECT @@version"), mysql.host(), mysql.port(),
                        mysql.value("SELECT @@innodb_buffer_pool_size DIV 1048576"), mysql.value("SELECT @@sync_binlog"),
                        mysql.value("SELECT @@innodb_flush_log_at_trx_commit")),
                String.format("Java %s (%s), test JVM max heap %,d MiB; Kafka broker, Connect worker and bench in that one JVM",
                        System.getProperty("java.version"), System.getProperty("java.vm.name"),
                        Runtime.getRuntime().maxMemory() / 1048576),
                "tools: " + version("pt-online-schema-change") + "; "
                        + (GhOst.onPath() ? version("gh-ost") : "gh-ost not on the PATH (not run)"),
                "twoway commit " + System.getProperty("bench.commit", "unknown"));
    }

    /**
     * The migrated table's size on disk against the buffer pool: whether the copy reads from memory
     * or from the disk changes its rate, so the report says which (ANALYZE TABLE has just run).
     */
    static String tableSize(TestMySql mysql, String db, String table) throws SQLException {
        mysql.column("ANALYZE TABLE `" + db + "`.`" + table + "`");
        // InnoDB's persistent statistics, as ANALYZE left them (information_schema caches its figures for a day).
        long bytes = Long.parseLong(mysql.value("SELECT (clustered_index_size + sum_of_other_index_sizes) * @@innodb_page_size "
                + "FROM mysql.innodb_table_stats WHERE database_name = '" + db + "' AND table_name = '" + table + "'"));
        long pool = Long.parseLong(mysql.value("SELECT @@innodb_buffer_pool_size"));
        return String.format("table: %,d MiB of data and indexes, %s the buffer pool's %,d MiB", bytes / 1048576,
                bytes > pool ? "larger than" : "inside", pool / 1048576);
    }

    /** The 1-, 5- and 15-minute load averages: other work on the machine skews every figure. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        }
        catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String version(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.contains(tool) ? out : tool + " " + out;
        }
        catch (IOException | InterruptedException e) {
            return tool + " (version unknown)";
        }
    }
}
