package dev.twoway.smt;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Keeps a NULL column value NULL all the way to the sink. Debezium copies each column's default
 * into the row schemas ({@code before}, {@code after}), and Connect turns a null field that has a
 * default into the default in three places: {@code Struct.get}, {@code JsonConverter} (its
 * {@code replace.null.with.default} is true unless every deployment sets it) and Confluent's
 * {@code AvroConverter}. A NULL written to a nullable column {@code DEFAULT CURRENT_TIMESTAMP}
 * then reached the other table as a time. This transformation removes the defaults from the row
 * schemas, whatever converter the worker uses; the sink never needs them (a column the record
 * does not carry gets MySQL's own default).
 *
 * <p>Schemas are rebuilt once per distinct envelope schema (Debezium reuses one per table
 * version); an envelope whose rows have no default passes unchanged.
 */
public class NullsKept<R extends ConnectRecord<R>> implements Transformation<R> {
    private static final int CACHED_SCHEMAS = 1_000;
    private static final ConfigDef CONFIG_DEF = new ConfigDef();

    /** Envelope schema to the same schema without row defaults (itself when there are none). */
    private final Map<Schema, Schema> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Schema, Schema> eldest) {
            return size() > CACHED_SCHEMAS;
        }
    };

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public R apply(R record) {
        Struct envelope = Envelope.value(record);
        if (envelope == null || envelope.schema().field(Envelope.AFTER) == null) {
            return record;
        }
        Schema plain = cache.computeIfAbsent(envelope.schema(), NullsKept::withoutRowDefaults);
        if (plain == envelope.schema()) {
            return record;
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), plain,
                copy(envelope, plain), record.timestamp(), record.headers());
    }

    private static Schema withoutRowDefaults(Schema envelope) {
        boolean changed = false;
        SchemaBuilder builder = header(envelope);
        for (Field field : envelope.fields()) {
            Schema schema = field.schema();
            if (isRow(field)) {
                Schema plainRow = withoutFieldDefaults(schema);
                changed |= plainRow != schema;
                schema = plainRow;
            }
            builder.field(field.name(), schema);
        }
        return changed ? builder.build() : envelope;
    }

    private static boolean isRow(Field field) {
        return (field.name().equals("before") || field.name().equals(Envelope.AFTER))
                && field.schema().type() == Schema.Type.STRUCT;
    }

    private static Schema withoutFieldDefaults(Schema row) {
        if (row.fields().stream().noneMatch(f -> f.schema().defaultValue() != null)) {
            return row;
        }
        SchemaBuilder builder = header(row);
        for (Field field : row.fields()) {
            builder.field(field.name(), field.schema().defaultValue() == null ? field.schema() : withoutDefault(field.schema()));
        }
        return builder.build();
    }

    /** The same primitive or logical type, without its default. */
    private static Schema withoutDefault(Schema schema) {
        SchemaBuilder builder = new SchemaBuilder(schema.type());
        if (schema.type() == Schema.Type.STRUCT) {
            schema.fields().forEach(f -> builder.field(f.name(), f.schema()));
        }
        copyHeader(schema, builder);
        return builder.build();
    }

    private static SchemaBuilder header(Schema struct) {
        SchemaBuilder builder = SchemaBuilder.struct();
        copyHeader(struct, builder);
        return builder;
    }

    private static void copyHeader(Schema from, SchemaBuilder to) {
        if (from.name() != null) {
            to.name(from.name());
        }
        if (from.version() != null) {
            to.version(from.version());
        }
        if (from.doc() != null) {
            to.doc(from.doc());
        }
        if (from.parameters() != null) {
            to.parameters(from.parameters());
        }
        if (from.isOptional()) {
            to.optional();
        }
    }

    private static Struct copy(Struct from, Schema to) {
        Struct copy = new Struct(to);
        for (Field field : to.fields()) {
            Object value = from.getWithoutDefault(field.name());
            if (value instanceof Struct nested && field.schema().type() == Schema.Type.STRUCT
                    && nested.schema() != field.schema()) {
                value = copy(nested, field.schema());
            }
            copy.put(field, value);
        }
        return copy;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        cache.clear();
    }
}
