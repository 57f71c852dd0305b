package dev.twoway.core.ddl;

/** The kinds of ALTER TABLE clause twoway carries to the shadow and back: its allow-list. */
public enum ClauseKind {
    /** {@code ADD [COLUMN] c ... [FIRST | AFTER x]}, alone or in a parenthesised list. */
    ADD_COLUMN,
    DROP_COLUMN,
    /** {@code MODIFY [COLUMN] c ...}: same name, new definition. */
    MODIFY_COLUMN,
    /** {@code CHANGE [COLUMN] old new ...}: maybe a new name, new definition. */
    CHANGE_COLUMN,
    RENAME_COLUMN,
    /** {@code ALTER [COLUMN] c SET DEFAULT ... | DROP DEFAULT}. */
    ALTER_COLUMN_DEFAULT,
    /** {@code ALTER [COLUMN] c SET VISIBLE | INVISIBLE}. */
    ALTER_COLUMN_VISIBILITY,
    ADD_INDEX,
    ADD_UNIQUE,
    ADD_FULLTEXT,
    ADD_SPATIAL,
    ADD_PRIMARY_KEY,
    DROP_INDEX,
    DROP_PRIMARY_KEY,
    RENAME_INDEX,
    ALTER_INDEX_VISIBILITY,
    /** {@code ADD [CONSTRAINT [name]] CHECK (...)}, or a CHECK in a column definition. */
    ADD_CHECK,
    DROP_CHECK,
    /** {@code DROP CONSTRAINT name}: a check or a unique key (the table has no foreign keys). */
    DROP_CONSTRAINT,
    /** {@code ALTER CHECK | CONSTRAINT name [NOT] ENFORCED}. */
    ALTER_CHECK,
    /** {@code CONVERT TO CHARACTER SET ...}. */
    CONVERT_CHARSET,
    /** {@code ENGINE=InnoDB}, {@code [DEFAULT] CHARACTER SET}, {@code COLLATE}, {@code COMMENT}, {@code ROW_FORMAT}, ... */
    TABLE_OPTION,
    /** {@code FORCE}: rebuild as is. */
    FORCE
}
