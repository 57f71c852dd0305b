package dev.twoway.source;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import dev.twoway.core.jdbc.ConnectionSettings;
import io.debezium.config.Configuration;
import io.debezium.config.Field;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryException;
import io.debezium.relational.history.SchemaHistoryListener;

/**
 * Keeps Debezium's schema history in the monitored server itself, in
 * {@code <twoway.database>.schema_history}, one row per history record, keyed by connector.
 * Debezium's default keeps it in a Kafka topic, which would make every source configuration
 * name the Kafka bootstrap servers and security settings a second time; the server is already
 * configured, and the history is as durable as the data it describes.
 *
 * <p>Each record is written with its own autocommitted insert before Debezium moves on, on the
 * binary log reader's thread: Debezium reads no further until it is stored. The connection is
 * kept from one record to the next: a migration makes five DDLs or more (its shadow's CREATE and
 * ALTER, the cut-over's sentry, RENAME and DROP), and a connection of its own per record was a
 * TLS handshake on the reader's thread each time, in the way of the markers behind the DDL. A
 * kept connection idle for longer than {@link #KEEP_IDLE} or no longer valid (the server's
 * {@code wait_timeout}, a restart) is replaced before it is used; one that fails a statement is
 * closed, and the error goes to Debezium as before. Creating the storage creates the whole sidecar database
 * ({@link dev.twoway.core.state.SidecarSchema}), so the markers table exists before Debezium first
 * reads the captured tables' structure. The settings arrive as {@code schema.history.internal.*}
 * keys, filled in by {@link SchemaHistorySettings}.
 */
public class MySqlTableSchemaHistory extends AbstractSchemaHistory {
    static final String PREFIX = SchemaHistorySettings.PREFIX;

    public static final Field HOSTNAME = Field.create(PREFIX + "database.hostname")
            .withType(Type.STRING).withImportance(Importance.HIGH).required()
            .withDescription("Host of the MySQL server holding the schema history (the monitored server).");
    public static final Field PORT = Field.create(PREFIX + "database.port")
            .withType(Type.INT).withImportance(Importance.HIGH).withDefault(3306)
            .withDescription("Port of the MySQL server holding the schema history.");
    public static final Field USER = Field.create(PREFIX + "database.user")
            .withType(Type.STRING).withImportance(Importance.HIGH).required()
            .withDescription("User that writes the schema history.");
    public static final Field PASSWORD = Field.create(PREFIX + "database.password")
            .withType(Type.PASSWORD).withImportance(Importance.HIGH)
            .withDescription("Password of the user that writes the schema history.");
    public static final Field SSL_MODE = Field.create(PREFIX + "database.ssl.mode")
            .withType(Type.STRING).withImportance(Importance.LOW).withDefault("preferred")
            .withDescription("TLS mode, as Debezium's database.ssl.mode: disabled, preferred, required, verify_ca, verify_identity.");
    public static final Field DATABASE = Field.create(PREFIX + SourceDefaults.SIDECAR_DATABASE)
            .withType(Type.STRING).withImportance(Importance.MEDIUM).withDefault(SourceDefaults.SIDECAR_DATABASE_DEFAULT)
            .withDescription("The sidecar database holding the schema_history table.");

    /** How long the kept connection may sit unused before the next record opens a new one. */
    static final Duration KEEP_IDLE = Duration.ofMinutes(1);

    private static final Field.Set ALL = Field.setOf(HOSTNAME, PORT, USER, PASSWORD, SSL_MODE, DATABASE, NAME);

    private final DocumentWriter writer = DocumentWriter.defaultWriter();
    private final DocumentReader reader = DocumentReader.defaultReader();
    private SchemaHistoryTable table;
    private ConnectionSettings connection;
    private Connection kept;
    private long keptUsedAt;

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener,
                          boolean useCatalogBeforeSchema) {
        List<String> problems = new ArrayList<>();
        if (!config.validateAndRecord(ALL, problems::add)) {
            throw new SchemaHistoryException("Invalid settings for " + getClass().getSimpleName() + ": " + problems);
        }
        super.configure(config, comparator, listener, useCatalogBeforeSchema);
        table = new SchemaHistoryTable(config.getString(DATABASE), config.getString(NAME));
        connection = new ConnectionSettings(config.getString(HOSTNAME), config.getInteger(PORT), config.getString(USER),
                config.getString(PASSWORD, ""), config.getString(SSL_MODE));
    }

    @Override
    public synchronized void start() {
        if (!storageExists()) {
            initializeStorage();
        }
        super.start();
    }

    @Override
    protected synchronized void storeRecord(HistoryRecord record) {
        String json;
        try {
            json = writer.write(record.document());
        }
        catch (IOException e) {
            throw new SchemaHistoryException("Cannot serialise schema history record " + record, e);
        }
        run("append a record to", c -> table.append(c, json));
    }

    @Override
    protected synchronized void recoverRecords(Consumer<HistoryRecord> records) {
        run("read", c -> table.readAll(c, json -> records.accept(parse(json))));
    }

    @Override
    public boolean exists() {
        return storageExists() && query("look for records in", table::hasRecords);
    }

    @Override
    public boolean storageExists() {
        return query("look for", table::tableExists);
    }

    @Override
    public void initializeStorage() {
        run("create", table::create);
    }

    private HistoryRecord parse(String json) {
        try {
            return new HistoryRecord(reader.read(json));
        }
        catch (IOException e) {
            throw new SchemaHistoryException("Cannot parse a record of " + table.describe() + ": " + json, e);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private interface Query {
        boolean run(Connection c) throws SQLException;
    }

    private void run(String what, Work work) {
        query(what, c -> {
            work.run(c);
            return true;
        });
    }

    private synchronized boolean query(String what, Query query) {
        try {
            return query.run(connection());
        }
        catch (SQLException e) {
            closeKept();
            throw new SchemaHistoryException("Cannot " + what + " the schema history " + table.describe() + " on "
                    + connection.address() + ": " + e.getMessage(), e);
        }
    }

    /** The kept connection, replaced first when it sat unused too long or is no longer valid. */
    private Connection connection() throws SQLException {
        long now = System.nanoTime();
        if (kept != null && (now - keptUsedAt > KEEP_IDLE.toNanos() || !kept.isValid(1))) {
            closeKept();
        }
        if (kept == null) {
            kept = connection.connect();
        }
        keptUsedAt = now;
        return kept;
    }

    private void closeKept() {
        if (kept != null) {
            try {
                kept.close();
            }
            catch (SQLException ignored) {
                // a connection that failed is dropped; the next record opens a new one
            }
            kept = null;
        }
    }

    @Override
    public synchronized void stop() {
        closeKept();
        super.stop();
    }
}
