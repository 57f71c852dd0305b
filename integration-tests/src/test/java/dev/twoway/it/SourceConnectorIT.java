package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.it.support.SourceStreaming;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The source connector against the real MySQL: row changes arrive with full before and after
 * images and the GTID of their transaction, and markers arrive on their table's topic.
 */
class SourceConnectorIT {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String database;
    private String sidecar;
    private String prefix;
    private String connector;
    private Pattern serverGtid;

    @BeforeEach
    void startSource() throws SQLException {
        database = mysql.createDatabase("src");
        sidecar = mysql.createDatabase("src_sidecar");
        mysql.execute("CREATE TABLE `" + database + "`.`items` (`id` INT PRIMARY KEY, `title` VARCHAR(64) NOT NULL, `qty` INT NULL)");
        prefix = "srcit" + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
        connector = prefix + "-source";
        serverGtid = Pattern.compile(Pattern.quote(mysql.value("SELECT @@server_uuid")) + ":\\d+");

        runSource();
    }

    private void runSource() {
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", "dev.twoway.source.TwowaySourceConnector");
        config.put("tasks.max", "1");
        config.put("topic.prefix", prefix);
        config.put("twoway.database", sidecar);
        config.put("database.include.list", database);
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "-1");
        TestConnect.runConnector(connector, config, 1);
        SourceStreaming.await(prefix);
    }

    private void stopSource() {
        TestConnect.deleteQuietly(connector);
        SourceStreaming.awaitStopped(prefix);
    }

    @AfterEach
    void dropSourceAndDatabases() throws SQLException {
        stopSource();
        mysql.execute("DROP DATABASE IF EXISTS `" + database + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    @Test
    void insertUpdateAndDeleteArriveWithFullImagesAndTheGtidOfTheirTransaction() throws Exception {
        String insert;
        String update;
        String delete;
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO `" + database + "`.`items` VALUES (1, 'apple', 3)");
            insert = lastGtid(c);
            s.execute("UPDATE `" + database + "`.`items` SET `title` = 'pear', `qty` = 4 WHERE `id` = 1");
            update = lastGtid(c);
            s.execute("DELETE FROM `" + database + "`.`items` WHERE `id` = 1");
            delete = lastGtid(c);
        }

        List<ConsumerRecord<byte[], byte[]>> records = read(topic("items"), 4);

        assertChange(records.get(0), "c", null, "{\"id\":1,\"title\":\"apple\",\"qty\":3}", insert);
        assertChange(records.get(1), "u", "{\"id\":1,\"title\":\"apple\",\"qty\":3}", "{\"id\":1,\"title\":\"pear\",\"qty\":4}", update);
        assertChange(records.get(2), "d", "{\"id\":1,\"title\":\"pear\",\"qty\":4}", null, delete);
        assertNull(records.get(3).value(), "the delete is followed by a tombstone");
        assertEquals(3, Set.of(insert, update, delete).size(), "each transaction has its own GTID");
        for (String gtid : List.of(insert, update, delete)) {
            assertTrue(serverGtid.matcher(gtid).matches(), gtid + " is <server_uuid>:<n>");
        }
    }

    @Test
    void rowsOfOneTransactionShareItsGtid() throws Exception {
        String gtid;
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int id = 1; id <= 3; id++) {
                s.execute("INSERT INTO `" + database + "`.`items` VALUES (" + id + ", 'row " + id + "', NULL)");
            }
            c.commit();
            gtid = lastGtid(c);
        }

        List<ConsumerRecord<byte[], byte[]>> records = read(topic("items"), 3);

        assertEquals(List.of(gtid, gtid, gtid), records.stream().map(r -> header(r, "twoway.gtid")).toList());
        assertEquals(List.of(1, 2, 3), records.stream().map(r -> payload(r).at("/after/id").asInt()).toList());
    }

    @Test
    void markerInsertArrivesOnItsTablesTopicAndMarkerUpdatesArriveNowhere() throws Exception {
        long markerId;
        String markerGtid;
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            markerId = insertMarker(c, "sync");
            markerGtid = lastGtid(c);
            s.execute("UPDATE `" + sidecar + "`.`markers` SET `reached_at` = NOW(3) WHERE `marker_id` = " + markerId);
            s.execute("INSERT INTO `" + database + "`.`items` VALUES (10, 'after the marker', 1)");
        }

        // The row inserted last is the fence: had the marker update been sent anywhere, it would
        // have been sent before it.
        List<ConsumerRecord<byte[], byte[]>> records = read(topic("items"), 2);

        assertEquals(2, records.size(), "the marker and the row after it: " + records);
        ConsumerRecord<byte[], byte[]> marker = records.get(0);
        assertEquals("sync", header(marker, "twoway.marker"));
        assertEquals(Long.toString(markerId), header(marker, "twoway.marker.id"));
        assertEquals("m-it", header(marker, "twoway.migration"));
        assertEquals(markerGtid, header(marker, "twoway.gtid"));
        assertEquals("c", payload(marker).path("op").asText());
        assertEquals(markerId, payload(marker).at("/after/marker_id").asLong());
        assertEquals(10, payload(records.get(1)).at("/after/id").asInt());
        assertEquals(Set.of(), sidecarTopics(), "no record of the sidecar database has a topic of its own");
    }

    @Test
    void aRecreatedConnectorResumesWithTheSchemaHistoryKeptInMySql() throws Exception {
        mysql.execute("INSERT INTO `" + database + "`.`items` VALUES (1, 'before', 1)");
        read(topic("items"), 1);
        stopSource();
        mysql.execute("ALTER TABLE `" + database + "`.`items` ADD COLUMN `note` VARCHAR(20) NULL",
                "INSERT INTO `" + database + "`.`items` VALUES (2, 'while down', 2, 'n2')");

        runSource();
        mysql.execute("INSERT INTO `" + database + "`.`items` VALUES (3, 'after', 3, 'n3')");

        List<ConsumerRecord<byte[], byte[]>> records = read(topic("items"), 3);
        assertEquals(List.of(1, 2, 3), records.stream().map(r -> payload(r).at("/after/id").asInt()).toList());
        assertTrue(payload(records.get(0)).at("/after/note").isMissingNode(), "the first row predates the column");
        assertEquals("n2", payload(records.get(1)).at("/after/note").asText());
        assertEquals("n3", payload(records.get(2)).at("/after/note").asText());
        assertTrue(mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.`schema_history` WHERE `connector` = '"
                + connector + "'") > 0, "the schema history is kept in the sidecar database");
    }

    private long insertMarker(Connection c, String kind) throws SQLException {
        String sql = "INSERT INTO `" + sidecar + "`.`markers` (`migration_id`, `kind`, `table_schema`, `table_name`)"
                + " VALUES ('m-it', ?, ?, 'items')";
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, kind);
            s.setString(2, database);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The GTID of the last transaction this session committed, from performance_schema. */
    private static String lastGtid(Connection c) throws SQLException {
        String sql = "SELECT `GTID` FROM `performance_schema`.`events_transactions_history`"
                + " WHERE `THREAD_ID` = PS_CURRENT_THREAD_ID() AND `STATE` = 'COMMITTED' AND `GTID` LIKE '%:%'"
                + " ORDER BY `EVENT_ID` DESC LIMIT 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "performance_schema knows no committed transaction of this session");
            return rs.getString(1);
        }
    }

    private void assertChange(ConsumerRecord<byte[], byte[]> record, String op, String before, String after, String gtid)
            throws Exception {
        JsonNode payload = payload(record);
        assertEquals(op, payload.path("op").asText(), record.toString());
        assertEquals(before == null ? null : JSON.readTree(before), nullToJava(payload.get("before")));
        assertEquals(after == null ? null : JSON.readTree(after), nullToJava(payload.get("after")));
        assertEquals(gtid, header(record, "twoway.gtid"));
        assertEquals(gtid, payload.at("/source/gtid").asText());
    }

    private static JsonNode nullToJava(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static JsonNode payload(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value()).path("payload");
        }
        catch (java.io.IOException e) {
            throw new AssertionError("value of " + record + " is not JSON", e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private String topic(String table) {
        return prefix + "." + database + "." + table;
    }

    private Set<String> sidecarTopics() throws Exception {
        try (var admin = TestConnect.cluster().kafka().createAdminClient()) {
            return admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(prefix + "." + sidecar + ".")).collect(Collectors.toSet());
        }
    }

    /** Up to {@code count} records of {@code topic}; fewer only when no more came within the wait. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = TestConnect.consumer(topic)) {
            return TestConnect.read(consumer, count, WAIT);
        }
    }
}
