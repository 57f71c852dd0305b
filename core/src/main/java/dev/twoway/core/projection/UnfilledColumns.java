package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;
import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.TableSchema;

/**
 * New columns nothing can fill: added {@code NOT NULL} without a {@code DEFAULT}, with no old
 * column to copy from. MySQL's own ALTER gives the existing rows the type's implicit default
 * (0, '', the first ENUM member) yet refuses every INSERT that omits the column (strict mode,
 * error 1364), so neither the copy nor the sink could write a row without inventing its value:
 * such a statement is refused before anything is created, with the fix named.
 */
public final class UnfilledColumns {
    private UnfilledColumns() {
    }

    public static List<String> refusals(TableSchema newTable, ColumnMap map) {
        List<String> refusals = new ArrayList<>();
        for (Column column : newTable.columns()) {
            boolean filled = column.nullable() || column.defaultValue() != null || column.generated()
                    || column.autoIncrement()
                    || map.pairs().stream().anyMatch(p -> p.newName().equalsIgnoreCase(column.name()));
            if (!filled) {
                refusals.add("column " + Sql.quote(column.name()) + " is added NOT NULL without a DEFAULT: MySQL's own "
                        + "ALTER gives the existing rows the type's implicit default but refuses every row written "
                        + "without it, so twoway cannot fill it for the rows it copies and streams; give it a "
                        + "DEFAULT (e.g. ADD COLUMN " + Sql.quote(column.name()) + " " + column.type()
                        + " NOT NULL DEFAULT ...)");
            }
        }
        return refusals;
    }
}
