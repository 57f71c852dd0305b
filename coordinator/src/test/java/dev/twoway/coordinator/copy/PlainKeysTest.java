package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlainKeysTest {
    private static final String CREATE = """
            CREATE TABLE `items_new` (
              `id` bigint NOT NULL AUTO_INCREMENT,
              `k` int DEFAULT NULL,
              `name` varchar(64) DEFAULT NULL,
              `doc` text,
              PRIMARY KEY (`id`),
              UNIQUE KEY `name_u` (`name`),
              KEY `k` (`k`),
              KEY `odd``name` (`name`(10),`k` DESC) COMMENT 'x, y' /*!80000 INVISIBLE */,
              FULLTEXT KEY `doc_ft` (`doc`),
              KEY `last` (`k`,`name`)
            ) ENGINE=InnoDB AUTO_INCREMENT=1000001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci""";

    @Test
    void onlyPlainKeysAreDeferredVerbatimWithoutTheirCommas() {
        assertEquals(List.of("KEY `k` (`k`)", "KEY `odd``name` (`name`(10),`k` DESC) COMMENT 'x, y' /*!80000 INVISIBLE */",
                "KEY `last` (`k`,`name`)"), PlainKeys.of(CREATE),
                "not the primary key, unique or full-text ones");
    }

    @Test
    void namesAreUnquoted() {
        assertEquals("k", PlainKeys.name("KEY `k` (`k`)"));
        assertEquals("odd`name", PlainKeys.name("KEY `odd``name` (`name`(10),`k` DESC)"));
    }

    @Test
    void anIndexWithAFunctionalKeyPartStaysOnTheShadow() {
        String create = "CREATE TABLE `t` (\n  `a` int DEFAULT NULL,\n  KEY `ix_expr` (((`a` + 1))),\n"
                + "  KEY `mixed` (`a`,((`a` * 2))),\n  KEY `plain` (`a`)\n) ENGINE=InnoDB";
        assertEquals(List.of("KEY `plain` (`a`)"), PlainKeys.of(create),
                "MySQL builds a functional index only with a lock on the table, never with LOCK=NONE");
    }
}
