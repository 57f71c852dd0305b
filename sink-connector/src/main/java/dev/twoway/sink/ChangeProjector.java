package dev.twoway.sink;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns a Debezium change event into the row change of its target table: creates, snapshot
 * reads and updates become upserts of the mapped fields of {@code after} (never of a column the
 * other schema lacks, invariant 3); deletes become deletes by the key fields of {@code before}.
 */
public final class ChangeProjector {
    private ChangeProjector() {
    }

    public static List<RowChange> project(Target target, JournalRecord record) {
        Struct envelope = (Struct) record.record().value();
        String op = envelope.getString("op");
        if (op == null) {
            throw new ConnectException("change event " + record.coordinates() + " has no op");
        }
        return switch (op) {
            case "c", "r" -> List.of(upsert(target, record, image(envelope, "after", record)));
            case "u" -> update(target, record, envelope);
            case "d" -> List.of(delete(target, record, image(envelope, "before", record)));
            default -> throw new ConnectException("change event " + record.coordinates() + " has op '" + op
                    + "', which twoway cannot apply to " + target.schema() + "." + target.table()
                    + " (expected c, r, u or d)");
        };
    }

    /**
     * An update is an upsert of the row after it, and, when it changed the key both tables share
     * (not the source's primary key, which Debezium turns into a delete and a create, but a unique
     * key the statement makes the key), first a move of the row from its old key to its new one:
     * otherwise the other table would keep the row under its old key too. A move keeps what the
     * projection does not write, as an update of the row itself would.
     */
    private static List<RowChange> update(Target target, JournalRecord record, Struct envelope) {
        Struct after = image(envelope, "after", record);
        RowChange now = upsert(target, record, after);
        Field beforeField = envelope.schema().field("before");
        if (beforeField == null || !(envelope.get(beforeField) instanceof Struct before)) {
            return List.of(now);
        }
        List<String> key = target.projection().keySourceFields();
        List<Object> was = values(before, key, target, record);
        List<Object> is = values(after, key, target, record);
        if (sameValues(was, is)) {
            return List.of(now);
        }
        List<Object> move = new ArrayList<>(is);
        move.addAll(was);
        return List.of(new RowChange(RowChange.Kind.MOVE, target, target.projection().keyTargetColumns(), move,
                record.partition(), record.offset()), now);
    }

    private static boolean sameValues(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Objects.deepEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static RowChange upsert(Target target, JournalRecord record, Struct after) {
        return new RowChange(RowChange.Kind.UPSERT, target, target.projection().targetColumns(),
                values(after, target.projection().sourceFields(), target, record), record.partition(), record.offset());
    }

    private static RowChange delete(Target target, JournalRecord record, Struct before) {
        return new RowChange(RowChange.Kind.DELETE, target, target.projection().keyTargetColumns(),
                values(before, target.projection().keySourceFields(), target, record), record.partition(), record.offset());
    }

    private static Struct image(Struct envelope, String name, JournalRecord record) {
        Field field = envelope.schema().field(name);
        Object image = field == null ? null : envelope.get(field);
        if (!(image instanceof Struct struct)) {
            throw new ConnectException("change event " + record.coordinates() + " (op "
                    + envelope.getString("op") + ") has no '" + name + "' row image");
        }
        return struct;
    }

    private static List<Object> values(Struct image, List<String> fields, Target target, JournalRecord record) {
        List<Object> values = new ArrayList<>(fields.size());
        for (String name : fields) {
            Field field = image.schema().field(name);
            if (field == null) {
                throw new ConnectException("change event " + record.coordinates() + " has no field '" + name
                        + "', which the column map of migration '" + target.route().migrationId() + "' writes to "
                        + target.schema() + "." + target.table());
            }
            try {
                // Not image.get: it turns a null field that has a default into the default.
                values.add(ValueConverter.toJdbc(field.schema(), image.getWithoutDefault(name)));
            }
            catch (DataException | ClassCastException e) {
                throw new ConnectException("field '" + name + "' of change event " + record.coordinates()
                        + ": " + e.getMessage(), e);
            }
        }
        return values;
    }
}
