package dev.twoway.core.ddl;

import static dev.twoway.core.ddl.AlterStatementTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list: every clause kind twoway carries is accepted, everything else is refused by name. */
class AlterAllowListTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("ADD COLUMN age INT NOT NULL DEFAULT 7", List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD age INT FIRST", List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN age INT AFTER name", List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN (a INT, b VARCHAR(10) DEFAULT 'x')", List.of(ClauseKind.ADD_COLUMN, ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN (a INT, INDEX a_idx (a))", List.of(ClauseKind.ADD_COLUMN, ClauseKind.ADD_INDEX)),
                Arguments.of("ADD COLUMN full_name VARCHAR(200) AS (CONCAT(first, ' ', last)) STORED",
                        List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN p POINT NOT NULL SRID 4326", List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN x INT INVISIBLE COMMENT 'hidden'", List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN ts TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)",
                        List.of(ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN n INT CHECK (n > 0)", List.of(ClauseKind.ADD_COLUMN, ClauseKind.ADD_CHECK)),
                Arguments.of("DROP COLUMN title", List.of(ClauseKind.DROP_COLUMN)),
                Arguments.of("DROP title", List.of(ClauseKind.DROP_COLUMN)),
                Arguments.of("MODIFY COLUMN name VARCHAR(200) NULL", List.of(ClauseKind.MODIFY_COLUMN)),
                Arguments.of("MODIFY name VARCHAR(200) FIRST", List.of(ClauseKind.MODIFY_COLUMN)),
                Arguments.of("CHANGE COLUMN name full_name VARCHAR(80) AFTER id", List.of(ClauseKind.CHANGE_COLUMN)),
                Arguments.of("CHANGE name name TEXT", List.of(ClauseKind.CHANGE_COLUMN)),
                Arguments.of("RENAME COLUMN k TO kind", List.of(ClauseKind.RENAME_COLUMN)),
                Arguments.of("ALTER COLUMN k SET DEFAULT 5", List.of(ClauseKind.ALTER_COLUMN_DEFAULT)),
                Arguments.of("ALTER k SET DEFAULT (UUID())", List.of(ClauseKind.ALTER_COLUMN_DEFAULT)),
                Arguments.of("ALTER COLUMN k DROP DEFAULT", List.of(ClauseKind.ALTER_COLUMN_DEFAULT)),
                Arguments.of("ALTER COLUMN k SET INVISIBLE", List.of(ClauseKind.ALTER_COLUMN_VISIBILITY)),
                Arguments.of("ALTER COLUMN k SET VISIBLE", List.of(ClauseKind.ALTER_COLUMN_VISIBILITY)),
                Arguments.of("ADD INDEX name_idx (name)", List.of(ClauseKind.ADD_INDEX)),
                Arguments.of("ADD KEY (name(10) DESC, k) USING BTREE COMMENT 'x' INVISIBLE", List.of(ClauseKind.ADD_INDEX)),
                Arguments.of("ADD INDEX ((k + 1))", List.of(ClauseKind.ADD_INDEX)),
                Arguments.of("ADD UNIQUE (name)", List.of(ClauseKind.ADD_UNIQUE)),
                Arguments.of("ADD UNIQUE KEY uk (name)", List.of(ClauseKind.ADD_UNIQUE)),
                Arguments.of("ADD CONSTRAINT uk UNIQUE INDEX (name)", List.of(ClauseKind.ADD_UNIQUE)),
                Arguments.of("ADD FULLTEXT INDEX ft (body) WITH PARSER ngram", List.of(ClauseKind.ADD_FULLTEXT)),
                Arguments.of("ADD FULLTEXT (body)", List.of(ClauseKind.ADD_FULLTEXT)),
                Arguments.of("ADD SPATIAL INDEX sp (p)", List.of(ClauseKind.ADD_SPATIAL)),
                Arguments.of("ADD PRIMARY KEY (id, k)", List.of(ClauseKind.ADD_PRIMARY_KEY)),
                Arguments.of("DROP INDEX name_idx", List.of(ClauseKind.DROP_INDEX)),
                Arguments.of("DROP KEY name_idx", List.of(ClauseKind.DROP_INDEX)),
                Arguments.of("DROP PRIMARY KEY", List.of(ClauseKind.DROP_PRIMARY_KEY)),
                Arguments.of("RENAME INDEX a TO b", List.of(ClauseKind.RENAME_INDEX)),
                Arguments.of("RENAME KEY a TO b", List.of(ClauseKind.RENAME_INDEX)),
                Arguments.of("ALTER INDEX name_idx INVISIBLE", List.of(ClauseKind.ALTER_INDEX_VISIBILITY)),
                Arguments.of("ALTER INDEX name_idx VISIBLE", List.of(ClauseKind.ALTER_INDEX_VISIBILITY)),
                Arguments.of("ADD CHECK (k > 0)", List.of(ClauseKind.ADD_CHECK)),
                Arguments.of("ADD CONSTRAINT c2 CHECK (k > 0) NOT ENFORCED", List.of(ClauseKind.ADD_CHECK)),
                Arguments.of("ADD CONSTRAINT CHECK (k > 0)", List.of(ClauseKind.ADD_CHECK)),
                Arguments.of("DROP CHECK t_chk_1", List.of(ClauseKind.DROP_CHECK)),
                Arguments.of("DROP CONSTRAINT t_chk_1", List.of(ClauseKind.DROP_CONSTRAINT)),
                Arguments.of("ALTER CHECK t_chk_1 NOT ENFORCED", List.of(ClauseKind.ALTER_CHECK)),
                Arguments.of("ALTER CONSTRAINT t_chk_1 ENFORCED", List.of(ClauseKind.ALTER_CHECK)),
                Arguments.of("CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", List.of(ClauseKind.CONVERT_CHARSET)),
                Arguments.of("CONVERT TO CHARSET latin1", List.of(ClauseKind.CONVERT_CHARSET)),
                Arguments.of("DEFAULT CHARACTER SET utf8mb4", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("CHARACTER SET = latin1", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("COLLATE utf8mb4_bin", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("DEFAULT COLLATE = utf8mb4_bin", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("COMMENT = 'users of the shop'", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8", List.of(ClauseKind.TABLE_OPTION, ClauseKind.TABLE_OPTION)),
                Arguments.of("AUTO_INCREMENT = 1000", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("STATS_PERSISTENT=1, STATS_AUTO_RECALC=DEFAULT, STATS_SAMPLE_PAGES=40",
                        List.of(ClauseKind.TABLE_OPTION, ClauseKind.TABLE_OPTION, ClauseKind.TABLE_OPTION)),
                Arguments.of("ENGINE=InnoDB", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("ENGINE innodb", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("ENGINE='InnoDB'", List.of(ClauseKind.TABLE_OPTION)),
                Arguments.of("FORCE", List.of(ClauseKind.FORCE)),
                Arguments.of("DROP COLUMN c1, ADD COLUMN c1 INT NOT NULL DEFAULT 47",
                        List.of(ClauseKind.DROP_COLUMN, ClauseKind.ADD_COLUMN)),
                Arguments.of("ADD COLUMN a INT, DROP INDEX b, ENGINE=InnoDB, COMMENT 'c'",
                        List.of(ClauseKind.ADD_COLUMN, ClauseKind.DROP_INDEX, ClauseKind.TABLE_OPTION, ClauseKind.TABLE_OPTION)));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptsTheClausesTwowayCarries(String change, List<ClauseKind> kinds) {
        AlterStatement alter = AlterStatement.parse("ALTER TABLE s.t " + change, null);
        assertEquals(kinds, alter.clauses(), change);
        assertEquals(change, alter.changes(), "the text runs as written");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("RENAME TO s.u", "renames the table itself"),
                Arguments.of("RENAME AS u", "renames the table itself"),
                Arguments.of("RENAME u", "renames the table itself"),
                Arguments.of("ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES s.u (id)", "foreign keys are refused"),
                Arguments.of("ADD FOREIGN KEY (a) REFERENCES u (id) ON DELETE CASCADE", "foreign keys are refused"),
                Arguments.of("ADD COLUMN a INT REFERENCES u (id)", "REFERENCES in a column definition"),
                Arguments.of("ADD COLUMN (a INT REFERENCES u (id))", "REFERENCES in a column definition"),
                Arguments.of("ADD (a INT, FOREIGN KEY (a) REFERENCES u (id))", "foreign keys are refused"),
                Arguments.of("DROP FOREIGN KEY fk", "foreign keys are refused"),
                Arguments.of("PARTITION BY HASH (id) PARTITIONS 4", "every partition clause"),
                Arguments.of("REMOVE PARTITIONING", "every partition clause"),
                Arguments.of("ADD PARTITION (PARTITION p3 VALUES LESS THAN (300))", "every partition clause"),
                Arguments.of("DROP PARTITION p0", "every partition clause"),
                Arguments.of("TRUNCATE PARTITION p0", "every partition clause"),
                Arguments.of("TRUNCATE PARTITION ALL", "every partition clause"),
                Arguments.of("EXCHANGE PARTITION p0 WITH TABLE db.victim", "every partition clause"),
                Arguments.of("EXCHANGE PARTITION p0 WITH TABLE db.victim WITHOUT VALIDATION", "every partition clause"),
                Arguments.of("COALESCE PARTITION 2", "every partition clause"),
                Arguments.of("REORGANIZE PARTITION p0 INTO (PARTITION a VALUES LESS THAN (5), PARTITION b VALUES LESS THAN (10))",
                        "every partition clause"),
                Arguments.of("ANALYZE PARTITION p0", "every partition clause"),
                Arguments.of("CHECK PARTITION ALL", "every partition clause"),
                Arguments.of("OPTIMIZE PARTITION p0", "every partition clause"),
                Arguments.of("REBUILD PARTITION p0, p1", "every partition clause"),
                Arguments.of("REPAIR PARTITION p0", "every partition clause"),
                Arguments.of("DISCARD PARTITION ALL TABLESPACE", "every partition clause"),
                Arguments.of("IMPORT PARTITION ALL TABLESPACE", "every partition clause"),
                Arguments.of("ADD COLUMN a INT PARTITION BY KEY (id)", "every partition clause"),
                Arguments.of("DISCARD TABLESPACE", "tablespace file"),
                Arguments.of("IMPORT TABLESPACE", "tablespace file"),
                Arguments.of("TABLESPACE = ts1", "another tablespace"),
                Arguments.of("ENGINE=MyISAM", "InnoDB tables only"),
                Arguments.of("ENGINE = 'MEMORY'", "InnoDB tables only"),
                Arguments.of("ENGINE=BLACKHOLE, ADD COLUMN a INT", "InnoDB tables only"),
                Arguments.of("SECONDARY_ENGINE = RAPID", "secondary engines"),
                Arguments.of("SECONDARY_ENGINE NULL", "secondary engines"),
                Arguments.of("SECONDARY_LOAD", "secondary engines"),
                Arguments.of("DATA DIRECTORY = '/tmp'", "DATA and INDEX DIRECTORY"),
                Arguments.of("INDEX DIRECTORY = '/tmp'", "DATA and INDEX DIRECTORY"),
                Arguments.of("UNION = (a, b)", "tables of a MERGE table"),
                Arguments.of("ORDER BY name", "ORDER BY sorts"),
                Arguments.of("DISABLE KEYS", "ENABLE and DISABLE KEYS"),
                Arguments.of("ENABLE KEYS", "ENABLE and DISABLE KEYS"),
                Arguments.of("ADD COLUMN a INT, WITH VALIDATION", "WITH or WITHOUT VALIDATION"),
                Arguments.of("WITHOUT VALIDATION, ADD COLUMN a INT", "WITH or WITHOUT VALIDATION"),
                Arguments.of("ALGORITHM=INPLACE, ADD COLUMN a INT", "always rebuilds the table online through a shadow copy"),
                Arguments.of("ADD COLUMN a INT, ALGORITHM=INSTANT", "always rebuilds the table online through a shadow copy"),
                Arguments.of("ADD COLUMN a INT, LOCK=NONE", "always rebuilds the table online through a shadow copy"),
                Arguments.of("LOCK = SHARED, ALGORITHM = COPY", "always rebuilds the table online through a shadow copy"),
                Arguments.of("ALGORITHM=DEFAULT", "always rebuilds the table online through a shadow copy"),
                Arguments.of("MAX_ROWS = 100", "not a table option twoway carries"),
                Arguments.of("AVG_ROW_LENGTH = 100", "not a table option twoway carries"),
                Arguments.of("CHECKSUM = 1", "not a table option twoway carries"),
                Arguments.of("COMPRESSION = 'zlib'", "not a table option twoway carries"),
                Arguments.of("ENCRYPTION = 'Y'", "not a table option twoway carries"),
                Arguments.of("PACK_KEYS = 1", "not a table option twoway carries"),
                Arguments.of("INSERT_METHOD = LAST", "not a table option twoway carries"),
                Arguments.of("CONNECTION = 'mysql://x'", "not a table option twoway carries"),
                Arguments.of("AUTOEXTEND_SIZE = 4M", "not a table option twoway carries"),
                Arguments.of("ENGINE_ATTRIBUTE = '{}'", "not a table option twoway carries"),
                Arguments.of("ADD COLUMN a INT COLUMN_FORMAT FIXED", "NDB Cluster"),
                Arguments.of("ADD COLUMN a INT STORAGE DISK", "NDB Cluster"),
                Arguments.of("ADD COLUMN a INT NOT SECONDARY", "secondary engines"),
                Arguments.of("MODIFY a INT ENGINE_ATTRIBUTE '{}'", "ENGINE_ATTRIBUTE is for engines other than InnoDB"),
                Arguments.of("ADD INDEX (a) ENGINE_ATTRIBUTE '{}'", "ENGINE_ATTRIBUTE is for engines other than InnoDB"),
                Arguments.of("DROP INDEX db.t.idx", "name the index alone"),
                Arguments.of("ADD COLUMN a INT DEFAULT ((SELECT MAX(id) FROM s.other))", "a subquery"),
                Arguments.of("ADD CHECK (EXISTS (SELECT 1 FROM s.other))", "a subquery"),
                Arguments.of("ADD COLUMN a INT AS (other.b + 1)", "qualified by a table or database"),
                Arguments.of("ADD CHECK (s.other.b > 0)", "qualified by a table or database"),
                Arguments.of("ADD COLUMN a INT DEFAULT (s.f())", "qualified by a table or database"),
                Arguments.of("ADD INDEX ((s.f(a)))", "qualified by a table or database"),
                Arguments.of("ADD COLUMN a INT DEFAULT (@x)", "a variable"),
                Arguments.of("ADD COLUMN a INT DEFAULT (@@sql_mode)", "a variable"),
                Arguments.of("ALTER COLUMN a SET DEFAULT (@x := 1)", "a variable"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesEverythingElseByName(String change, String reason) {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse("ALTER TABLE s.t " + change, null));
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains("is refused"), "the refusal quotes the clause: " + e.getMessage());
    }

    @Test
    void refusalsQuoteTheClauseAsWritten() {
        DdlException e = assertThrows(DdlException.class,
                () -> AlterStatement.parse("ALTER TABLE db.parted EXCHANGE PARTITION p0 WITH TABLE db.victim", null));
        assertEquals(List.of("'EXCHANGE PARTITION p0 WITH TABLE db.victim' is refused: twoway refuses every partition "
                + "clause: partition maintenance works on the stored rows in place (EXCHANGE PARTITION on another "
                + "table's), which a shadow copy can neither carry nor revert"), e.problems());
    }

    /**
     * Before a partition name (not before ALL), Debezium's grammar reads DISCARD and IMPORT as an
     * engine's option; refused all the same, before anything runs.
     */
    @Test
    void discardAndImportPartitionAreSyntaxErrors() {
        assertRefused("ALTER TABLE s.t DISCARD PARTITION p0 TABLESPACE", "syntax error at line 1, column 25 at 'PARTITION'");
        assertRefused("ALTER TABLE s.t IMPORT PARTITION p0 TABLESPACE", "syntax error at line 1, column 24 at 'PARTITION'");
    }

    @Test
    void onlineAndOfflineAreRefusedLikeAlgorithm() {
        assertRefused("ALTER ONLINE TABLE s.t ADD COLUMN a INT", "'ONLINE' is refused: twoway always rebuilds");
    }

    @Test
    void everyRefusedClauseIsReportedAtOnce() {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse("ALTER TABLE s.t ENGINE=MyISAM, "
                + "ADD COLUMN a INT, ALGORITHM=INPLACE, LOCK=NONE, RENAME TO s.u, ORDER BY a", null));
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("'ENGINE=MyISAM' is refused"), e.problems().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE s.t DROP COLUMN title /*!, RENAME TO s.pwned */",
            "ALTER TABLE s.t DROP COLUMN title /*!50000 , RENAME TO s.pwned */",
            "ALTER TABLE s.t DROP COLUMN title /*!90000 , RENAME TO s.pwned */",
            "ALTER TABLE s.t DROP COLUMN title /*!80400 */",
            "/*!ALTER TABLE s.t DROP COLUMN title */",
            "/*!50000 ALTER TABLE s.t DROP COLUMN title */",
            "ALTER /*! TABLE */ s.t DROP COLUMN title",
            "ALTER TABLE /*!50000 s.t */ DROP COLUMN title",
            "ALTER TABLE s.t /*!50000 DROP COLUMN title */",
            "ALTER TABLE s.t DROP /*! COLUMN */ title",
            "ALTER TABLE s.t ADD COLUMN a INT DEFAULT /*!50000 5 */ NOT NULL",
            "ALTER TABLE s.t ADD COLUMN a INT /*!, ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES s.parent(id) */, ADD b INT",
            "ALTER TABLE s.t DROP COLUMN title; /*! DROP TABLE s.t */",
            "ALTER TABLE s.t DROP COLUMN title -- x\n/*!*/"})
    void executableCommentsAreRefusedWherever(String ddl) {
        assertRefused(ddl, "an executable comment /*!");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER /*+ SET_VAR(foreign_key_checks=0) */ TABLE s.t DROP COLUMN title",
            "ALTER TABLE s.t /*+ hint */ DROP COLUMN title",
            "ALTER TABLE s.t DROP COLUMN title /*+ MAX_EXECUTION_TIME(1) */",
            "/*+ x */ ALTER TABLE s.t DROP COLUMN title"})
    void optimizerHintsAreRefusedWherever(String ddl) {
        assertRefused(ddl, "an optimizer hint /*+ ... */");
    }

    @Test
    void theRefusalOfACommentSaysWhere() {
        assertRefused("ALTER TABLE s.t\nDROP COLUMN title /*!, RENAME TO s.pwned */",
                "an executable comment /*! ... */ at line 2, column 19");
        assertRefused("ALTER TABLE s.t DROP COLUMN a /*!50000 , DROP b */", "an executable comment /*!50000 ... */");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE s.t ADD COLUMN x VARCHAR(40) DEFAULT '/*! RENAME TO s.pwned */'",
            "ALTER TABLE s.t ADD COLUMN x VARCHAR(40) DEFAULT \"/*!50000 , DROP y */\"",
            "ALTER TABLE s.t ADD COLUMN x VARCHAR(40) COMMENT '/*+ hint */'",
            "ALTER TABLE s.t COMMENT = 'a /*! b */ c'",
            "ALTER TABLE s.t ADD COLUMN `odd/*!name*/` INT",
            "ALTER TABLE s.t ADD COLUMN x VARCHAR(40) DEFAULT 'it\\'s /*!'",
            "ALTER TABLE s.t ADD COLUMN x VARCHAR(40) DEFAULT _utf8mb4'/*!x*/'"})
    void commentMarkersInsideStringsAndNamesAreText(String ddl) {
        assertEquals(ddl.substring("ALTER TABLE s.t ".length()), AlterStatement.parse(ddl, null).changes());
    }

    @Test
    void anExecutableMarkerInsideAPlainCommentIsPartOfThatComment() {
        assertEquals("ADD COLUMN x INT", AlterStatement.parse("ALTER TABLE s.t ADD COLUMN x INT /* plain /*! */", null)
                .changes());
    }

    @Test
    void anUnterminatedCommentIsRefused() {
        assertRefused("ALTER TABLE s.t DROP COLUMN a /* and", "never closed");
    }
}
