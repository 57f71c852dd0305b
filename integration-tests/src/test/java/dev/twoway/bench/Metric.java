package dev.twoway.bench;

/** What a run measures; each sample holds the ones its tool has. */
enum Metric {
    TOTAL_S("total s", 1),
    COPY_ROWS_PER_S("copy rows/s", 0),
    CUTOVER_STALL_P99_MS("cut-over stall p99 ms", 0),
    CUTOVER_STALL_MAX_MS("cut-over stall max ms", 0),
    STARTUP_S("request to copy start s", 1),
    CUTOVER_S("copied to complete s", 1),
    CHECKSUM_S("checksum before the cut-over s", 2),
    CHECKSUM_OF_COPY("checksum / copy", 2),
    REVERT_CHECKSUM_S("checksum before the revert s", 2),
    REVERT_S("revert s", 2),
    REVERT_TO_SWAP_S("revert request to swap s", 2),
    REVERT_STALL_P99_MS("revert stall p99 ms", 0),
    REVERT_STALL_MAX_MS("revert stall max ms", 0),
    LAG_P50_MS("sink lag p50 ms (probe)", 0),
    LAG_P99_MS("sink lag p99 ms (probe)", 0),
    MARKER_LAG_P50_MS("lag_ms p50 (sync markers)", 0),
    MARKER_LAG_P99_MS("lag_ms p99 (sync markers)", 0),
    HEAP_PEAK_MB("peak heap MB", 0),
    HEAP_AFTER_GC_MB("heap after GC MB", 0),
    SERVER_CPU_S("MySQL server CPU s", 1),
    JVM_CPU_S("bench JVM CPU s (worker, broker, writer)", 1),
    TOOL_CPU_S("tool process CPU s", 1),
    CORES_BUSY("cores busy (of the machine's)", 2);

    final String label;
    final int decimals;

    Metric(String label, int decimals) {
        this.label = label;
        this.decimals = decimals;
    }

    String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%,." + decimals + "f", value);
    }
}
