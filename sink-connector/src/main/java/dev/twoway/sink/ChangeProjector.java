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

    public static RowChange project(Target target, JournalRecord record) {
        Struct envelope = (Struct) record.record().value();
        String op = envelope.getString("op");
        if (op == null) {
            throw new ConnectException("change event " + record.coordinates() + " has no op");
        }
        return switch (op) {
            case "c", "r", "u" -> new RowChange(RowChange.Kind.UPSERT, target, target.projection().targetColumns(),
                    values(image(envelope, "after", record), target.projection().sourceFields(), target, record),
                    record.partition(), record.offset());
            case "d" -> new RowChange(RowChange.Kind.DELETE, target, target.projection().keyTargetColumns(),
                    values(image(envelope, "before", record), target.projection().keySourceFields(), target, record),
                    record.partition(), record.offset());
            default -> throw new ConnectException("change event " + record.coordinates() + " has op '" + op
                    + "', which twoway cannot apply to " + target.schema() + "." + target.table()
                    + " (expected c, r, u or d)");
        };
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
