package dev.twoway.core.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** MySQL's own CREATE TABLE text, written again for the shadow: only its name and its check names change. */
class CreateTableTextTest {
    /** SHOW CREATE TABLE of MySQL 9.7, with version comments, a generated column, checks and partitions. */
    private static final String SHOWN = """
            CREATE TABLE `cx` (
              `id` int NOT NULL AUTO_INCREMENT,
              `b` varchar(20) DEFAULT NULL COMMENT 'a */ b /*! c',
              `h` int DEFAULT NULL /*!80023 INVISIBLE */,
              `g` int GENERATED ALWAYS AS ((`id` + 1)) VIRTUAL,
              PRIMARY KEY (`id`),
              KEY `fx` (((`id` * 2))),
              CONSTRAINT `cx_chk_1` CHECK ((`b` <> _utf8mb4'*/')) /*!80016 NOT ENFORCED */,
              CONSTRAINT `cx_chk_3` CHECK ((`id` < 1000)),
              CONSTRAINT `own` CHECK ((`id` > 0))
            ) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='t */ x'
            /*!50100 PARTITION BY RANGE (`id`)
            (PARTITION p0 VALUES LESS THAN (10) COMMENT = 'p */ q' ENGINE = InnoDB,
             PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */""";

    @Test
    void listsTheCheckNames() {
        assertEquals(List.of("cx_chk_1", "cx_chk_3", "own"), CreateTableText.parse(SHOWN).checkNames());
    }

    @Test
    void writesTheSameDefinitionUnderAnotherNameWithVersionCommentsUnwrapped() {
        String renamed = CreateTableText.parse(SHOWN).renamed("db", "cx_new", name -> name.equals("own") ? "x" : name + "_n");
        assertEquals("""
                CREATE TABLE `db`.`cx_new` (
                  `id` int NOT NULL AUTO_INCREMENT,
                  `b` varchar(20) DEFAULT NULL COMMENT 'a */ b /*! c',
                  `h` int DEFAULT NULL   INVISIBLE  ,
                  `g` int GENERATED ALWAYS AS ((`id` + 1)) VIRTUAL,
                  PRIMARY KEY (`id`),
                  KEY `fx` (((`id` * 2))),
                  CONSTRAINT `cx_chk_1_n` CHECK ((`b` <> _utf8mb4'*/'))   NOT ENFORCED  ,
                  CONSTRAINT `cx_chk_3_n` CHECK ((`id` < 1000)),
                  CONSTRAINT `x` CHECK ((`id` > 0))
                ) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='t */ x'
                  PARTITION BY RANGE (`id`)
                (PARTITION p0 VALUES LESS THAN (10) COMMENT = 'p */ q' ENGINE = InnoDB,
                 PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB)""", renamed);
    }

    @Test
    void refusesWhatIsNotACreateTable() {
        assertThrows(DdlException.class, () -> CreateTableText.parse("CREATE TABLE a LIKE b"));
        assertThrows(DdlException.class, () -> CreateTableText.parse("DROP TABLE a"));
    }
}
