package dev.twoway.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a server's binlog can carry twoway, and says precisely what to change when
 * not. Every problem is reported at once, so an operator fixes the server in one round.
 */
final class BinlogPrerequisites {
    private BinlogPrerequisites() {
    }

    /**
     * The problems of {@code settings}, one message each; empty when the server is fit.
     *
     * @param server how to name the server in messages, e.g. {@code 127.0.0.1:3307}
     */
    static List<String> problems(String server, BinlogSettings settings) {
        List<String> problems = new ArrayList<>();
        if (!"ON".equalsIgnoreCase(settings.gtidMode())) {
            problems.add("MySQL at " + server + " has gtid_mode=" + settings.gtidMode()
                    + "; twoway needs gtid_mode=ON (every change must carry its GTID: the sink records it with its"
                    + " progress and the cut-over freezes on a GTID set). Set gtid_mode step by step to ON"
                    + " (OFF, OFF_PERMISSIVE, ON_PERMISSIVE, ON; see the MySQL manual, 'Enabling GTID Transactions"
                    + " Online') and enforce_gtid_consistency=ON.");
        }
        if (!"ROW".equalsIgnoreCase(settings.binlogFormat())) {
            problems.add("MySQL at " + server + " has binlog_format=" + settings.binlogFormat()
                    + "; twoway needs binlog_format=ROW (the stream must carry the changed rows, not the statements)."
                    + " Run SET PERSIST binlog_format = 'ROW'; sessions opened before keep their format until they"
                    + " reconnect.");
        }
        if (!"FULL".equalsIgnoreCase(settings.binlogRowImage())) {
            problems.add("MySQL at " + server + " has binlog_row_image=" + settings.binlogRowImage()
                    + "; twoway needs binlog_row_image=FULL (the sink writes whole rows into the shadow and old"
                    + " tables and needs full before and after images). Run SET PERSIST binlog_row_image = 'FULL';"
                    + " sessions opened before keep their setting until they reconnect.");
        }
        return problems;
    }
}
