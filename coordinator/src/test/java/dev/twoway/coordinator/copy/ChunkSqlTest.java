package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChunkSqlTest {
    private final ChunkSql single = new ChunkSql("db", "t", "_t_new", "PRIMARY", List.of("code", "title"),
            List.of("kode", "name"), List.of("code"));
    private final ChunkSql composite = new ChunkSql("db", "t", "_t_new", "PRIMARY", List.of("a", "b", "c"),
            List.of("a", "b", "c"), List.of("a", "b"));

    @Test
    void firstChunkEndHasNoLowerBound() {
        ChunkSql.Query q = single.chunkEnd(null, 1000);
        assertEquals("SELECT `code` FROM `db`.`t` FORCE INDEX (`PRIMARY`) ORDER BY `code` LIMIT 1 OFFSET ?", q.sql());
        assertEquals(List.of(999), q.params());
    }

    @Test
    void aSampledRangesChunkEndsWithinTheRange() {
        ChunkSql.Query q = composite.chunkEnd(List.of(1L, "x"), List.of(5L, "y"), 1000);
        assertEquals("SELECT `a`, `b` FROM `db`.`t` FORCE INDEX (`PRIMARY`) WHERE (`a` > ? OR (`a` = ? AND `b` > ?)) "
                + "AND (`a` < ? OR (`a` = ? AND `b` <= ?)) ORDER BY `a`, `b` LIMIT 1 OFFSET ?", q.sql());
        assertEquals(List.of(1L, 1L, "x", 5L, 5L, "y", 999), q.params());
        assertEquals("SELECT `code` FROM `db`.`t` FORCE INDEX (`PRIMARY`) WHERE `code` <= ? ORDER BY `code` LIMIT 1 OFFSET ?",
                single.chunkEnd(null, List.of("m"), 10).sql(), "the first range starts at the start");
    }

    @Test
    void copyReadsOldColumnsIntoNewNamesWithinTheChunkUnderShareLocksOverwritingRowsTheStreamWrote() {
        ChunkSql.Query q = single.copy(List.of(10L), List.of(20L));
        assertEquals("INSERT INTO `db`.`_t_new` (`kode`, `name`) SELECT `db`.`t`.`code`, `db`.`t`.`title` FROM `db`.`t` "
                + "FORCE INDEX (`PRIMARY`) WHERE (`code` > ?) AND (`code` <= ?) ORDER BY `code` LOCK IN SHARE MODE "
                + "ON DUPLICATE KEY UPDATE `db`.`_t_new`.`kode` = IF(`db`.`_t_new`.`kode` <=> `db`.`t`.`code`, "
                + "`db`.`_t_new`.`kode`, (SELECT 1 UNION ALL SELECT 1)), `db`.`_t_new`.`name` = `db`.`t`.`title`", q.sql());
        assertEquals(List.of(10L, 20L), q.params());
    }

    @Test
    void compositeKeysCompareLexicographically() {
        ChunkSql.Query q = composite.copy(List.of(1L, "x"), List.of(5L, "y"));
        assertEquals("INSERT INTO `db`.`_t_new` (`a`, `b`, `c`) SELECT `db`.`t`.`a`, `db`.`t`.`b`, `db`.`t`.`c` FROM "
                + "`db`.`t` FORCE INDEX (`PRIMARY`) WHERE (`a` > ? OR (`a` = ? AND `b` > ?)) AND (`a` < ? OR (`a` = ? "
                + "AND `b` <= ?)) ORDER BY `a`, `b` LOCK IN SHARE MODE ON DUPLICATE KEY UPDATE `db`.`_t_new`.`a` = "
                + "IF(`db`.`_t_new`.`a` <=> `db`.`t`.`a` AND `db`.`_t_new`.`b` <=> `db`.`t`.`b`, `db`.`_t_new`.`a`, (SELECT 1 UNION ALL SELECT 1)), "
                + "`db`.`_t_new`.`c` = `db`.`t`.`c`", q.sql());
        assertEquals(List.of(1L, 1L, "x", 5L, 5L, "y"), q.params());
    }

    @Test
    void aTableOfKeyColumnsOnlyKeepsTheRowItFinds() {
        ChunkSql keyOnly = new ChunkSql("db", "t", "_t_new", "PRIMARY", List.of("a", "b"), List.of("a", "b"),
                List.of("a", "b"));
        assertTrue(keyOnly.copy(null, List.of(5L, "y")).sql().endsWith("ON DUPLICATE KEY UPDATE `db`.`_t_new`.`a` = "
                + "IF(`db`.`_t_new`.`a` <=> `db`.`t`.`a` AND `db`.`_t_new`.`b` <=> `db`.`t`.`b`, `db`.`_t_new`.`a`, (SELECT 1 UNION ALL SELECT 1))"),
                "the guard alone: the row found by its key is kept as it is");
    }

    @Test
    void aConvertedColumnIsSelectedThroughItsConversion() {
        ChunkSql json = new ChunkSql("db", "t", "_t_new", "PRIMARY", List.of("id", "n"), List.of("id", "n"),
                List.of("id"), List.of("%s", "CAST(%s AS JSON)"), List.of("%s", "%s"));
        String sql = json.copy(null, List.of(5L)).sql();
        assertTrue(sql.contains("SELECT `db`.`t`.`id`, CAST(`db`.`t`.`n` AS JSON) FROM"), sql);
        assertTrue(sql.endsWith("`db`.`_t_new`.`n` = CAST(`db`.`t`.`n` AS JSON)"), sql);
    }

    @Test
    void anEnumKeyColumnIsReadAsItsPositionAndComparedAsThePositionsItAdmitsSoMySqlReadsARange() {
        ChunkSql enumFirst = new ChunkSql("db", "t", "_t_new", "PRIMARY", List.of("e", "n"), List.of("e", "n"),
                List.of("e", "n"), List.of("%s", "%s"), List.of("%s", "%s"), java.util.Map.of("E", 3));
        assertEquals("SELECT CAST(`e` AS UNSIGNED), `n` FROM `db`.`t` FORCE INDEX (`PRIMARY`) ORDER BY `e` DESC, `n` DESC LIMIT 1",
                enumFirst.lastKey(null).sql());
        ChunkSql.Query q = enumFirst.chunkEnd(List.of(new java.math.BigDecimal("1.0"), 7L), List.of(3L, 5L), 10);
        assertEquals("SELECT CAST(`e` AS UNSIGNED), `n` FROM `db`.`t` FORCE INDEX (`PRIMARY`) WHERE (`e` IN (?, ?) OR (`e` = ? AND `n` > ?)) "
                + "AND (`e` IN (?, ?, ?) OR (`e` = ? AND `n` <= ?)) ORDER BY `e`, `n` LIMIT 1 OFFSET ?", q.sql());
        assertEquals(List.of(2L, 3L, 1L, 7L, 0L, 1L, 2L, 3L, 5L, 9), q.params());
        assertEquals("FALSE OR (`e` = ? AND `n` > ?)", enumFirst.greaterThan(List.of(3L, 7L)).sql(),
                "no position after the last one");
    }

    @Test
    void enumValuesAreCountedFromTheColumnType() {
        assertEquals(3, CopyInspector.values("enum('zeta','alpha','mid')"));
        assertEquals(2, CopyInspector.values("enum('it''s','a,b')"));
    }

    @Test
    void lastKeyReadsBackwards() {
        assertEquals("SELECT `a`, `b` FROM `db`.`t` FORCE INDEX (`PRIMARY`) ORDER BY `a` DESC, `b` DESC LIMIT 1",
                composite.lastKey(null).sql());
    }

    @Test
    void countCoversTheRangeOfTheLastChunk() {
        ChunkSql.Query q = single.count(List.of(7L), List.of(9L));
        assertEquals("SELECT COUNT(*) FROM `db`.`t` FORCE INDEX (`PRIMARY`) WHERE (`code` > ?) AND (`code` <= ?)",
                q.sql());
        assertEquals(List.of(7L, 9L), q.params());
    }
}
