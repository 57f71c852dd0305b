package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProjectedWriteTest {

    @Test
    void upsertWritesOnlyTheProjectedColumns() {
        assertEquals("INSERT INTO `s`.`t` (`id`, `na``me`) VALUES (?, ?), (?, ?) AS _twoway_row "
                        + "ON DUPLICATE KEY UPDATE `id` = _twoway_row.`id`, `na``me` = _twoway_row.`na``me`",
                ProjectedWrite.upsert("s", "t", List.of("id", "na`me"), 2));
    }

    @Test
    void deleteMatchesWholeKeys() {
        assertEquals("DELETE FROM `s`.`t` WHERE (`a`, `b`) IN ((?, ?), (?, ?))",
                ProjectedWrite.delete("s", "t", List.of("a", "b"), 2));
    }
}
