package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.validate.EarlierRun;
import dev.twoway.coordinator.validate.RequestValidation;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.ddl.DeployStatement;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.projection.UnfilledColumns;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.core.schema.TableSchema;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.TableNames;

/**
 * Step 1: a request without rows is validated whole again (things may have changed since the
 * connector's validate()), what an earlier run under a member's id left is cleaned up or refuses
 * it ({@link EarlierRun}), then, only when nothing refuses it, each member is tried on a scratch
 * table (an ALTER on a copy of its table's definition, a CREATE under its staging name) and
 * every member's row is inserted in one transaction: queued when everything holds, failed with
 * every reason otherwise (a member refused fails the whole request). A refused request leaves
 * nothing behind but its rows. An ALTER's scratch table, named like its shadow and built as the
 * shadow is, is kept when the request is queued: the shadow step takes it ({@link #takeShadow})
 * instead of building the same table again. A request of one is a migration as it always was.
 */
public final class MigrationAdmission {
    private final String requestId;
    private final String sidecar;
    private final Transitions transitions;
    private final long waitMs;
    /** The scratch tables kept as shadows, by member id: schema and name. In memory: a new task builds its shadows. */
    private final Map<String, String[]> kept = new LinkedHashMap<>();

    /** {@code waitMs}: how long to wait for the sink to pass the stop marker of an earlier run under an id. */
    public MigrationAdmission(String requestId, String sidecar, Transitions transitions, long waitMs) {
        this.requestId = requestId;
        this.sidecar = sidecar;
        this.transitions = transitions;
        this.waitMs = waitMs;
    }

    public void admit(Connection c, String ddl) throws SQLException {
        RequestValidation.Result validation = new RequestValidation(sidecar).check(c, ddl, requestId);
        List<String> problems = new ArrayList<>(validation.problems());
        List<RequestValidation.Member> members = validation.members();
        if (members.isEmpty()) {
            insert(c, List.of(MigrationRow.queued(requestId, "", "", ddl, "", "", "")), problems);
            return;
        }
        Map<RequestValidation.Member, EarlierRun> earlier = new LinkedHashMap<>();
        for (RequestValidation.Member member : members) {
            EarlierRun run = EarlierRun.find(c, sidecar, member.migrationId(),
                    new EarlierRun.Table(member.statement().schema(), member.statement().table()));
            run.refusal(member.migrationId()).ifPresent(p -> problems.add(where(members, member) + p));
            earlier.put(member, run);
        }
        try {
            Map<RequestValidation.Member, String> columnMaps = tryMembers(c, members, earlier, problems);
            List<MigrationRow> rows = new ArrayList<>();
            for (RequestValidation.Member member : members) {
                rows.add(row(member, columnMaps.getOrDefault(member, ""), members.size()));
            }
            if (!insert(c, rows, problems)) {
                dropKept(c);
            }
        }
        catch (SQLException | RuntimeException e) {
            try {
                dropKept(c);
            }
            catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** When nothing refuses the request yet: what earlier runs left cleaned up, then each member tried on a scratch table. */
    private Map<RequestValidation.Member, String> tryMembers(Connection c, List<RequestValidation.Member> members,
            Map<RequestValidation.Member, EarlierRun> earlier, List<String> problems) throws SQLException {
        Map<RequestValidation.Member, String> columnMaps = new LinkedHashMap<>();
        if (!problems.isEmpty()) {
            return columnMaps;
        }
        for (Map.Entry<RequestValidation.Member, EarlierRun> run : earlier.entrySet()) {
            if (!run.getValue().clean()) {
                new EarlierRunCleanup(run.getKey().migrationId(), sidecar, waitMs).clean(c, run.getValue());
            }
        }
        for (RequestValidation.Member member : members) {
            try {
                columnMaps.put(member, tryOnScratch(c, member));
            }
            catch (DdlException e) {
                problems.add(where(members, member) + e.getMessage());
            }
        }
        return columnMaps;
    }

    /**
     * Whether the admission kept the member's scratch table as its shadow (once: the caller takes
     * it). False after a restart, or for a CREATE or DROP: the shadow step then builds it.
     */
    public boolean takeShadow(String migrationId) {
        return kept.remove(migrationId) != null;
    }

    /** The request was not queued: the scratch tables kept for it go. */
    private void dropKept(Connection c) throws SQLException {
        ShadowTableBuilder builder = new ShadowTableBuilder(c);
        for (String[] table : new ArrayList<>(kept.values())) {
            builder.drop(table[0], table[1]);
        }
        kept.clear();
    }

    /** The member tried on a scratch table; an ALTER's column map. A refusal is a {@link DdlException}. */
    private String tryOnScratch(Connection c, RequestValidation.Member member) throws SQLException {
        DeployStatement statement = member.statement();
        String scratch = TableNames.shadow(statement.table(), member.migrationId());
        return switch (statement.kind()) {
            case ALTER -> {
                String map = alterOnScratch(c, member.alter(), member.table(), scratch).toJson();
                kept.put(member.migrationId(), new String[] {statement.schema(), scratch});
                yield map;
            }
            case CREATE -> {
                Optional<String> refusal = new StagingTable(c).tryOnScratch(statement.create(), scratch);
                if (refusal.isPresent()) {
                    throw new DdlException(refusal.get());
                }
                yield "";
            }
            case DROP -> "";
        };
    }

    /**
     * Applies the statement to a scratch table named like the shadow (none exists: see above);
     * dropped when anything refuses it or fails, kept otherwise (the caller records it).
     */
    private static ColumnMap alterOnScratch(Connection c, AlterStatement statement, TableSchema table, String scratch)
            throws SQLException {
        ShadowTableBuilder builder = new ShadowTableBuilder(c);
        boolean refused = true;
        try {
            TableSchema altered = builder.create(statement, scratch);
            ColumnMap map = ColumnMap.of(table, altered, statement.columnChanges());
            List<String> refusals = new ArrayList<>(UnfilledColumns.refusals(altered, map));
            Map<String, ColumnType> oldTypes = ColumnType.of(c, statement.schema(), statement.table());
            Map<String, ColumnType> newTypes = ColumnType.of(c, statement.schema(), scratch);
            refusals.addAll(ColumnTypes.of(map, oldTypes, newTypes).refusals());
            ZoneChoice.of(c, table, altered, map, oldTypes, newTypes).refusal().ifPresent(refusals::add);
            if (!refusals.isEmpty()) {
                throw new DdlException(String.join("; ", refusals));
            }
            refused = false;
            return map;
        }
        catch (SQLException e) {
            if (!ShadowTableBuilder.isRefusal(e)) {
                throw e;
            }
            throw new DdlException("MySQL refuses the statement: " + e.getMessage());
        }
        finally {
            if (refused) {
                builder.drop(statement.schema(), scratch);
            }
        }
    }

    /** The member's first row: an ALTER has a shadow and an old table, a CREATE only its staging table, a DROP only its parked name. */
    private MigrationRow row(RequestValidation.Member member, String columnMap, int count) {
        DeployStatement statement = member.statement();
        String id = member.migrationId();
        String table = statement.table();
        String shadow = statement.kind() == MemberKind.DROP ? "" : TableNames.shadow(table, id);
        String old = statement.kind() == MemberKind.CREATE ? "" : TableNames.old(table, id);
        return MigrationRow.member(id, statement.schema(), table, statement.text(), shadow, old, columnMap,
                statement.kind(), requestId, count == 1 ? 1 : statement.position());
    }

    /**
     * Every row in one transaction; then, when anything refuses the request, every member failed
     * with all the reasons. True when the request is queued.
     */
    private boolean insert(Connection c, List<MigrationRow> rows, List<String> problems) throws SQLException {
        if (!transitions.insert(rows)) {
            return false;
        }
        if (problems.isEmpty()) {
            for (MigrationRow row : rows) {
                problems.addAll(racingHolders(c, row));
            }
        }
        if (!problems.isEmpty()) {
            String message = String.join("; ", problems);
            transitions.move(rows.stream().map(r -> new Sidecar.Move(r.migrationId(), MigrationState.QUEUED,
                    MigrationState.FAILED, "refused", message)).toList());
            return false;
        }
        return true;
    }

    /** Another migration of the table inserted its row between our check and our insert: both refuse. */
    private List<String> racingHolders(Connection c, MigrationRow row) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (MigrationRow other : new MigrationStore(sidecar).holding(c, row.tableSchema(), row.tableName())) {
            if (!other.deployId().equals(requestId)) {
                problems.add("table " + row.tableSchema() + "." + row.tableName() + " is held by migration '"
                        + other.migrationId() + "', which started at the same time");
            }
        }
        return problems;
    }

    private static String where(List<RequestValidation.Member> members, RequestValidation.Member member) {
        return members.size() == 1 ? "" : "statement " + member.statement().position() + " ("
                + member.statement().describe() + "): ";
    }
}
