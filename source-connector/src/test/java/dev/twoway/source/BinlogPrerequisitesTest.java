package dev.twoway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BinlogPrerequisitesTest {
    private static final String SERVER = "127.0.0.1:3307";

    @Test
    void aFitServerHasNoProblems() {
        assertEquals(List.of(), BinlogPrerequisites.problems(SERVER, new BinlogSettings("ON", "ROW", "FULL")));
    }

    @Test
    void gtidModeMustBeOn() {
        List<String> problems = BinlogPrerequisites.problems(SERVER, new BinlogSettings("ON_PERMISSIVE", "ROW", "FULL"));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("MySQL at 127.0.0.1:3307 has gtid_mode=ON_PERMISSIVE; twoway needs gtid_mode=ON"),
                problems.get(0));
        assertTrue(problems.get(0).contains("enforce_gtid_consistency=ON"), problems.get(0));
    }

    @Test
    void binlogFormatMustBeRow() {
        List<String> problems = BinlogPrerequisites.problems(SERVER, new BinlogSettings("ON", "STATEMENT", "FULL"));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("MySQL at 127.0.0.1:3307 has binlog_format=STATEMENT; twoway needs binlog_format=ROW"),
                problems.get(0));
    }

    @Test
    void binlogRowImageMustBeFull() {
        List<String> problems = BinlogPrerequisites.problems(SERVER, new BinlogSettings("ON", "ROW", "MINIMAL"));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("MySQL at 127.0.0.1:3307 has binlog_row_image=MINIMAL; twoway needs binlog_row_image=FULL"),
                problems.get(0));
        assertTrue(problems.get(0).contains("full before and after images"), problems.get(0));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertEquals(3, BinlogPrerequisites.problems(SERVER, new BinlogSettings("OFF", "MIXED", "NOBLOB")).size());
    }

    @Test
    void readsValuesCaseInsensitively() {
        assertEquals(List.of(), BinlogPrerequisites.problems(SERVER, new BinlogSettings("on", "row", "full")));
    }
}
