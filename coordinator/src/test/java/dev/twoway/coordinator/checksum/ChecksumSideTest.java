package dev.twoway.coordinator.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.copy.ChunkSql;

class ChecksumSideTest {
    private static final String HASH = "CRC32(CONCAT_WS(',', IFNULL(CRC32(`id`), 'N'), IFNULL(CRC32(`name`), 'N')))";
    private final ChecksumSide side = new ChecksumSide("shop", "users", List.of("id"), List.of("id", "name"));

    @Test
    void aRowHashJoinsEachValuesOwnHashTellingNullApart() {
        assertEquals(HASH, side.rowHash());
    }

    @Test
    void aPlainColumnIsWrittenAsItsTextWithNullApart() {
        ChecksumSide typed = new ChecksumSide("shop", "users", List.of("id"), List.of("id", "name"), java.util.Set.of("id"));
        assertEquals("CRC32(CONCAT_WS(',', IFNULL(`id`, 'N'), IFNULL(CRC32(`name`), 'N')))", typed.rowHash());
    }

    @Test
    void numbersDatesAndTimesArePlainTextAndEverythingElseIsNot() {
        for (String type : List.of("int", "bigint unsigned", "tinyint(1)", "decimal(10,2)", "double", "float unsigned",
                "date", "datetime(6)", "timestamp", "time(3)", "year")) {
            org.junit.jupiter.api.Assertions.assertTrue(ChecksumSide.plainType(type), type);
        }
        for (String type : List.of("varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "char(3)", "binary(16)",
                "bit(8)", "set('a','b')", "enum('a','b')", "json", "blob", "geometry", "integerish", "timestampx")) {
            org.junit.jupiter.api.Assertions.assertFalse(ChecksumSide.plainType(type), type);
        }
    }

    @Test
    void aChunkDigestCountsAndXorsTheRowHashesOfItsKeyRange() {
        ChunkSql.Query digest = side.digest(List.of(10L), List.of(20L));
        assertEquals("SELECT COUNT(*), COALESCE(BIT_XOR(" + HASH + "), 0) FROM `shop`.`users` WHERE (`id` > ?) AND "
                + "(`id` <= ?)", digest.sql());
        assertEquals(List.of(10L, 20L), digest.params());
    }

    @Test
    void theFirstChunkHasNoLowerBoundAndTheLastNoUpperOne() {
        assertEquals("SELECT COUNT(*), COALESCE(BIT_XOR(" + HASH + "), 0) FROM `shop`.`users` WHERE `id` <= ?",
                side.digest(null, List.of(5L)).sql());
        assertEquals("SELECT COUNT(*), COALESCE(BIT_XOR(" + HASH + "), 0) FROM `shop`.`users` WHERE `id` > ?",
                side.digest(List.of(5L), null).sql());
    }

    @Test
    void aCompositeKeyIsComparedLexicographically() {
        ChecksumSide two = new ChecksumSide("shop", "lines", List.of("o", "n"), List.of("o", "n"));
        ChunkSql.Query end = two.chunkEnd(List.of(1L, 2L), 100);
        assertEquals("SELECT `o`, `n` FROM `shop`.`lines` WHERE `o` > ? OR (`o` = ? AND `n` > ?) ORDER BY `o`, `n` "
                + "LIMIT 1 OFFSET ?", end.sql());
        assertEquals(List.of(1L, 1L, 2L, 99), end.params());
    }

    @Test
    void rowsOfAChunkComeInKeyOrderWithTheirHashes() {
        assertEquals("SELECT `id`, " + HASH + " FROM `shop`.`users` WHERE `id` <= ? ORDER BY `id`",
                side.rows(null, List.of(5L)).sql());
    }
}
