package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.TestTables;

/**
 * The admission's scratch table becomes the shadow: the statement is applied once, to one table
 * named like the shadow, which the copy then fills; no scratch dropped and the same table built
 * again. Read from the binary log, where every DDL the coordinator runs is written.
 */
class AdmissionScratchIT extends PipelineTest {
    @Override
    protected String databasePrefix() {
        return "scratch";
    }

    @Test
    void theShadowIsTheTableTheAdmissionTriedTheStatementOn() throws Exception {
        String table = "t_scratch";
        TestTables.createItems(mysql, db, table, 1_000);
        pipeline.awaitSettled(table);
        String[] from = binlogPosition();
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "ready",
                Map.of());
        Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofSeconds(90));
        String shadow = ready.get("shadow_table");
        List<String> ddl = ddlNaming(from, shadow);
        assertEquals(2, ddl.size(), "one CREATE and one ALTER of the shadow: " + ddl);
        assertEquals(1, ddl.stream().filter(q -> q.startsWith("CREATE TABLE")).count(), ddl.toString());
        assertEquals(0, ddl.stream().filter(q -> q.startsWith("DROP TABLE")).count(), ddl.toString());
        assertEquals("1000", ready.get("rows_copied"));
        assertEquals(List.of("id", "k", "name", "c", "pad"), mysql.column("SELECT COLUMN_NAME FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = '" + shadow
                + "' ORDER BY ORDINAL_POSITION"));
    }

    private String[] binlogPosition() throws SQLException {
        try (Connection c = mysql.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINARY LOG STATUS")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    /** The DDL statements since {@code from} naming {@code table}, as the binary log has them. */
    private List<String> ddlNaming(String[] from, String table) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = mysql.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + from[0] + "' FROM " + from[1])) {
            while (rs.next()) {
                String info = rs.getString("Info");
                if ("Query".equals(rs.getString("Event_type")) && info != null && info.contains(table)) {
                    found.add(info.replaceFirst("^(use `[^`]*`; )?(/\\*.*?\\*/ ?)?", "").trim());
                }
            }
        }
        return found;
    }
}
