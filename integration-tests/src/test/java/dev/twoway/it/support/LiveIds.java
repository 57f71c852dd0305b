package dev.twoway.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.Random;

/**
 * The ids of a table's rows a writer picks from: one bit per id. Ten million ids take 1.2 MiB;
 * as a list of boxed ids read in one result set they took the bench's whole 512 MiB heap (the
 * ten-million-row bench failed its first run under load with "Java heap space").
 */
final class LiveIds {
    private final BitSet live = new BitSet();
    private int count;

    /** The table's ids, streamed row by row (Connector/J holds a whole result set otherwise). */
    static LiveIds of(TestMySql mysql, String schema, String table) throws SQLException {
        LiveIds ids = new LiveIds();
        try (Connection c = mysql.connect();
             Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT id FROM `" + schema + "`.`" + table + "`")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    void add(long id) {
        int bit = Math.toIntExact(id);
        if (!live.get(bit)) {
            live.set(bit);
            count++;
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** A live id: the first at or after a random point (wrapping round); not empty. */
    long pick(Random random) {
        int from = live.nextSetBit(random.nextInt(live.length()));
        return from >= 0 ? from : live.nextSetBit(0);
    }

    /** A live id, no longer live. */
    long take(Random random) {
        long id = pick(random);
        live.clear((int) id);
        count--;
        return id;
    }
}
