package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.Trees;

import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * Decides, clause by clause, what of an {@code ALTER TABLE} twoway carries: an allow-list of
 * the clause kinds it can apply to the shadow and play back through the inverse
 * ({@link ClauseKind}), everything else refused by name with the reason. Only decides; what the
 * accepted clauses do to columns and checks is {@link ClauseEffects}'s to read.
 */
final class AlterAllowList {
    private static final String REBUILDS_ONLINE = "twoway always rebuilds the table online through a shadow copy, "
            + "so ALGORITHM, LOCK, ONLINE and OFFLINE mean nothing here; remove the clause";
    private static final String PARTITIONS = "twoway refuses every partition clause: partition maintenance works on "
            + "the stored rows in place (EXCHANGE PARTITION on another table's), which a shadow copy can neither "
            + "carry nor revert";
    private static final String FOREIGN_KEYS = "foreign keys are refused: a table with foreign keys cannot be swapped "
            + "by RENAME without breaking them";
    private static final String TABLESPACE_FILE = "DISCARD and IMPORT TABLESPACE work on the table's tablespace "
            + "file, not on its definition";
    private static final String SECONDARY = "secondary engines (HeatWave) are not carried by twoway";
    private static final String NDB = "COLUMN_FORMAT and STORAGE are NDB Cluster options; twoway carries InnoDB tables";
    private static final String ENGINE_ATTRIBUTES = "ENGINE_ATTRIBUTE is for engines other than InnoDB";
    private static final String UNKNOWN = "not a clause twoway knows how to carry to the shadow and back";
    private static final String CARRIED_OPTIONS = "ENGINE=InnoDB, [DEFAULT] CHARACTER SET, [DEFAULT] COLLATE, "
            + "COMMENT, ROW_FORMAT, KEY_BLOCK_SIZE, AUTO_INCREMENT, STATS_PERSISTENT, STATS_AUTO_RECALC, STATS_SAMPLE_PAGES";

    /** A clause twoway accepted, with the part of the tree that says what it does. */
    record Clause(ClauseKind kind, ParserRuleContext tree) {
    }

    /** The accepted clauses in statement order, and a reason for each refused one. */
    record Judgement(List<Clause> accepted, List<String> refusals) {
    }

    private final List<Clause> accepted = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    private AlterAllowList() {
    }

    static Judgement judge(MySqlParser.AlterTableContext alter) {
        AlterAllowList list = new AlterAllowList();
        list.actions(alter);
        return new Judgement(List.copyOf(list.accepted), List.copyOf(list.refusals));
    }

    /**
     * A {@code CREATE TABLE}'s elements and options, judged as the same definitions an ALTER adds
     * ({@code ADD COLUMN}, {@code ADD INDEX}, {@code ADD CONSTRAINT}, table options): one allow-list
     * for what a table twoway makes may hold. Partitions and {@code … SELECT} are refused.
     */
    static Judgement judgeCreate(MySqlParser.CreateTableContext create) {
        AlterAllowList list = new AlterAllowList();
        if (create.tableElementList() != null) {
            for (MySqlParser.TableElementContext element : create.tableElementList().tableElement()) {
                if (element.columnDefinition() != null) {
                    list.references(element.columnDefinition().checkOrReferences());
                    list.column(ClauseKind.ADD_COLUMN, element.columnDefinition(),
                            element.columnDefinition().fieldDefinition());
                }
                else {
                    list.constraint(element.tableConstraintDef());
                }
            }
        }
        MySqlParser.CreateTableOptionsEtcContext etc = create.createTableOptionsEtc();
        if (etc != null && etc.createTableOptions() != null) {
            etc.createTableOptions().createTableOption().forEach(list::tableOption);
        }
        MySqlParser.CreatePartitioningEtcContext partitioning = etc == null ? null : etc.createPartitioningEtc();
        if (partitioning != null && partitioning.partitionClause() != null) {
            list.refuse(partitioning.partitionClause(), PARTITIONS);
        }
        if (partitioning != null && partitioning.duplicateAsQe() != null) {
            list.refuse(partitioning.duplicateAsQe(), "CREATE TABLE ... SELECT fills the table from other tables in "
                    + "the statement; create it empty, twoway swaps it in, and fill it afterwards");
        }
        return new Judgement(List.copyOf(list.accepted), List.copyOf(list.refusals));
    }

    private void actions(MySqlParser.AlterTableContext alter) {
        if (alter.onlineOption() != null) {
            refuse(alter.onlineOption(), REBUILDS_ONLINE);
        }
        MySqlParser.AlterTableActionsContext actions = alter.alterTableActions();
        if (actions == null) {
            return;
        }
        if (actions.alterCommandsModifierList() != null) {
            actions.alterCommandsModifierList().alterCommandsModifier().forEach(this::modifier);
        }
        if (actions.alterCommandList() != null) {
            commands(actions.alterCommandList());
        }
        if (actions.standaloneAlterCommands() != null) {
            standalone(actions.standaloneAlterCommands());
        }
        if (actions.partitionClause() != null) {
            refuse(actions.partitionClause(), PARTITIONS);
        }
        if (actions.removePartitioning() != null) {
            refuse(actions.removePartitioning(), PARTITIONS);
        }
    }

    private void commands(MySqlParser.AlterCommandListContext commands) {
        if (commands.alterCommandsModifierList() != null) {
            commands.alterCommandsModifierList().alterCommandsModifier().forEach(this::modifier);
        }
        if (commands.alterList() == null) {
            return;
        }
        for (ParseTree child : commands.alterList().children) {
            if (child instanceof MySqlParser.AlterListItemContext item) {
                item(item);
            }
            else if (child instanceof MySqlParser.CreateTableOptionsSpaceSeparatedContext options) {
                options.createTableOption().forEach(this::tableOption);
            }
            else if (child instanceof MySqlParser.AlterCommandsModifierContext modifier) {
                modifier(modifier);
            }
        }
    }

    private void modifier(MySqlParser.AlterCommandsModifierContext modifier) {
        if (modifier.withValidation() != null) {
            refuse(modifier, "twoway's copy computes every generated value anew, so WITH or WITHOUT VALIDATION "
                    + "means nothing here; remove the clause");
        }
        else {
            refuse(modifier, REBUILDS_ONLINE);
        }
    }

    private void standalone(MySqlParser.StandaloneAlterCommandsContext command) {
        if (command.alterPartition() != null) {
            refuse(command, PARTITIONS);
        }
        else if (command.DISCARD_SYMBOL() != null || command.IMPORT_SYMBOL() != null) {
            refuse(command, TABLESPACE_FILE);
        }
        else {
            refuse(command, SECONDARY);
        }
    }

    private void item(MySqlParser.AlterListItemContext item) {
        switch (item.getStart().getType()) {
            case MySqlParser.ADD_SYMBOL -> add(item);
            case MySqlParser.CHANGE_SYMBOL -> column(ClauseKind.CHANGE_COLUMN, item, item.fieldDefinition());
            case MySqlParser.MODIFY_SYMBOL -> column(ClauseKind.MODIFY_COLUMN, item, item.fieldDefinition());
            case MySqlParser.DROP_SYMBOL -> drop(item);
            case MySqlParser.ALTER_SYMBOL -> alter(item);
            case MySqlParser.RENAME_SYMBOL -> rename(item);
            case MySqlParser.CONVERT_SYMBOL -> accept(ClauseKind.CONVERT_CHARSET, item);
            case MySqlParser.FORCE_SYMBOL -> accept(ClauseKind.FORCE, item);
            case MySqlParser.ENABLE_SYMBOL, MySqlParser.DISABLE_SYMBOL -> refuse(item, "ENABLE and DISABLE KEYS switch "
                    + "MyISAM's non-unique indexes on and off; InnoDB ignores them");
            case MySqlParser.ORDER_SYMBOL -> refuse(item, "ORDER BY sorts the rows of a MyISAM table once; InnoDB keeps "
                    + "rows in primary key order, and so does twoway's copy");
            default -> refuse(item, UNKNOWN);
        }
    }

    private void add(MySqlParser.AlterListItemContext item) {
        if (item.tableConstraintDef() != null) {
            constraint(item.tableConstraintDef());
        }
        else if (item.tableElementList() != null) {
            for (MySqlParser.TableElementContext element : item.tableElementList().tableElement()) {
                if (element.columnDefinition() != null) {
                    references(element.columnDefinition().checkOrReferences());
                    column(ClauseKind.ADD_COLUMN, element.columnDefinition(), element.columnDefinition().fieldDefinition());
                }
                else {
                    constraint(element.tableConstraintDef());
                }
            }
        }
        else {
            references(item.checkOrReferences());
            column(ClauseKind.ADD_COLUMN, item, item.fieldDefinition());
        }
    }

    private void references(MySqlParser.CheckOrReferencesContext clause) {
        if (clause != null && clause.references() != null) {
            refuse(clause, "REFERENCES in a column definition declares a foreign key; " + FOREIGN_KEYS);
        }
    }

    /** A column definition: its attributes are judged one by one; a CHECK among them adds a check. */
    private void column(ClauseKind kind, ParserRuleContext clause, MySqlParser.FieldDefinitionContext definition) {
        accept(kind, clause);
        for (MySqlParser.ColumnAttributeContext attribute : definition.columnAttribute()) {
            if (attribute.SECONDARY_SYMBOL() != null) {
                refuse(attribute, SECONDARY);
            }
            else if (attribute.COLUMN_FORMAT_SYMBOL() != null || attribute.STORAGE_SYMBOL() != null) {
                refuse(attribute, NDB);
            }
            else if (attribute.ENGINE_ATTRIBUTE_SYMBOL() != null || attribute.SECONDARY_ENGINE_ATTRIBUTE_SYMBOL() != null) {
                refuse(attribute, ENGINE_ATTRIBUTES);
            }
            else if (attribute.checkConstraint() != null) {
                accept(ClauseKind.ADD_CHECK, attribute);
            }
        }
    }

    private void constraint(MySqlParser.TableConstraintDefContext constraint) {
        if (constraint.checkConstraint() != null) {
            accept(ClauseKind.ADD_CHECK, constraint);
            return;
        }
        if (constraint.type == null) {
            refuse(constraint, UNKNOWN);
            return;
        }
        switch (constraint.type.getType()) {
            case MySqlParser.FOREIGN_SYMBOL -> refuse(constraint, FOREIGN_KEYS);
            case MySqlParser.KEY_SYMBOL, MySqlParser.INDEX_SYMBOL -> index(ClauseKind.ADD_INDEX, constraint);
            case MySqlParser.UNIQUE_SYMBOL -> index(ClauseKind.ADD_UNIQUE, constraint);
            case MySqlParser.PRIMARY_SYMBOL -> index(ClauseKind.ADD_PRIMARY_KEY, constraint);
            case MySqlParser.FULLTEXT_SYMBOL -> index(ClauseKind.ADD_FULLTEXT, constraint);
            case MySqlParser.SPATIAL_SYMBOL -> index(ClauseKind.ADD_SPATIAL, constraint);
            default -> refuse(constraint, UNKNOWN);
        }
    }

    /** An index: every option but the engine attributes (KEY_BLOCK_SIZE, COMMENT, visibility, USING, WITH PARSER). */
    private void index(ClauseKind kind, MySqlParser.TableConstraintDefContext index) {
        accept(kind, index);
        for (ParseTree option : Trees.findAllRuleNodes(index, MySqlParser.RULE_commonIndexOption)) {
            MySqlParser.CommonIndexOptionContext common = (MySqlParser.CommonIndexOptionContext) option;
            if (common.ENGINE_ATTRIBUTE_SYMBOL() != null || common.SECONDARY_ENGINE_ATTRIBUTE_SYMBOL() != null) {
                refuse(common, ENGINE_ATTRIBUTES);
            }
        }
    }

    private void drop(MySqlParser.AlterListItemContext item) {
        if (item.FOREIGN_SYMBOL() != null) {
            refuse(item, FOREIGN_KEYS);
        }
        else if (item.PRIMARY_SYMBOL() != null) {
            accept(ClauseKind.DROP_PRIMARY_KEY, item);
        }
        else if (item.keyOrIndex() != null) {
            indexOfThisTable(ClauseKind.DROP_INDEX, item);
        }
        else if (item.CHECK_SYMBOL() != null) {
            accept(ClauseKind.DROP_CHECK, item);
        }
        else if (item.CONSTRAINT_SYMBOL() != null) {
            accept(ClauseKind.DROP_CONSTRAINT, item);
        }
        else {
            accept(ClauseKind.DROP_COLUMN, item);
        }
    }

    private void alter(MySqlParser.AlterListItemContext item) {
        if (item.INDEX_SYMBOL() != null) {
            indexOfThisTable(ClauseKind.ALTER_INDEX_VISIBILITY, item);
        }
        else if (item.CHECK_SYMBOL() != null || item.CONSTRAINT_SYMBOL() != null) {
            accept(ClauseKind.ALTER_CHECK, item);
        }
        else if (item.visibility() != null) {
            accept(ClauseKind.ALTER_COLUMN_VISIBILITY, item);
        }
        else {
            accept(ClauseKind.ALTER_COLUMN_DEFAULT, item);
        }
    }

    private void rename(MySqlParser.AlterListItemContext item) {
        if (item.COLUMN_SYMBOL() != null) {
            accept(ClauseKind.RENAME_COLUMN, item);
        }
        else if (item.keyOrIndex() != null) {
            indexOfThisTable(ClauseKind.RENAME_INDEX, item);
        }
        else {
            refuse(item, "RENAME TO renames the table itself; twoway changes a table's definition under its own name "
                    + "(its cut-over swaps names already). Use RENAME TABLE outside twoway");
        }
    }

    /** The grammar lets an index be named {@code db.t.idx}; twoway takes only this table's indexes, by name alone. */
    private void indexOfThisTable(ClauseKind kind, MySqlParser.AlterListItemContext item) {
        if (!Trees.findAllRuleNodes(item.indexRef(), MySqlParser.RULE_dotIdentifier).isEmpty()) {
            refuse(item, "an index named with a table or database in front; name the index alone");
        }
        else {
            accept(kind, item);
        }
    }

    private void tableOption(MySqlParser.CreateTableOptionContext option) {
        if (option.defaultCharset() != null || option.defaultCollation() != null) {
            accept(ClauseKind.TABLE_OPTION, option);
            return;
        }
        // KEY_BLOCK_SIZE and AUTO_INCREMENT are carried too: both are part of the definition the
        // shadow is created with (KEY_BLOCK_SIZE matters to InnoDB with ROW_FORMAT=COMPRESSED
        // only, and MySQL judges the pair on the scratch copy), and a counter set on the empty
        // shadow ends, once the copy wrote its keys, at max(N, highest key + 1): what MySQL's
        // own ALTER leaves. The revert brings back the old table with its own counter.
        switch (option.option == null ? -1 : option.option.getType()) {
            case MySqlParser.ENGINE_SYMBOL -> engine(option);
            case MySqlParser.COMMENT_SYMBOL, MySqlParser.AUTO_INCREMENT_SYMBOL, MySqlParser.ROW_FORMAT_SYMBOL,
                    MySqlParser.KEY_BLOCK_SIZE_SYMBOL, MySqlParser.STATS_AUTO_RECALC_SYMBOL,
                    MySqlParser.STATS_PERSISTENT_SYMBOL, MySqlParser.STATS_SAMPLE_PAGES_SYMBOL ->
                    accept(ClauseKind.TABLE_OPTION, option);
            case MySqlParser.UNION_SYMBOL -> refuse(option, "UNION lists the tables of a MERGE table: other tables");
            case MySqlParser.DATA_SYMBOL, MySqlParser.INDEX_SYMBOL -> refuse(option, "DATA and INDEX DIRECTORY place "
                    + "the table's files outside the data directory, where twoway's shadow would not follow");
            case MySqlParser.TABLESPACE_SYMBOL -> refuse(option, "TABLESPACE moves the table into another tablespace, "
                    + "an object twoway does not own");
            case MySqlParser.SECONDARY_ENGINE_SYMBOL, MySqlParser.SECONDARY_ENGINE_ATTRIBUTE_SYMBOL ->
                    refuse(option, SECONDARY);
            default -> refuse(option, notCarried(option));
        }
    }

    /**
     * The grammar also reads an engine's own option ({@code name [=] value}) here, and with it
     * {@code REMOVE PARTITIONING} and {@code DISCARD | IMPORT TABLESPACE} (their words are not
     * reserved); those get their own reason.
     */
    private static String notCarried(MySqlParser.CreateTableOptionContext option) {
        String words = option.getText().toUpperCase(java.util.Locale.ROOT);
        if (option.option == null && words.equals("REMOVEPARTITIONING")) {
            return PARTITIONS;
        }
        if (option.option == null && (words.equals("DISCARDTABLESPACE") || words.equals("IMPORTTABLESPACE"))) {
            return TABLESPACE_FILE;
        }
        return "not a table option twoway carries (it carries " + CARRIED_OPTIONS + ")";
    }

    /** InnoDB only: the sink commits rows and its progress in one transaction, and the cut-over relies on it. */
    private void engine(MySqlParser.CreateTableOptionContext option) {
        if (Names.of(option.engineRef().textOrIdentifier()).equalsIgnoreCase("InnoDB")) {
            accept(ClauseKind.TABLE_OPTION, option);
        }
        else {
            refuse(option, "twoway carries InnoDB tables only: the sink commits each batch of rows with its progress "
                    + "in one transaction, which other engines cannot");
        }
    }

    private void accept(ClauseKind kind, ParserRuleContext tree) {
        accepted.add(new Clause(kind, tree));
    }

    private void refuse(ParserRuleContext clause, String reason) {
        refusals.add("'" + Names.text(clause) + "' is refused: " + reason);
    }
}
