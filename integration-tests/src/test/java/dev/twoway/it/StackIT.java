package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.twoway.it.support.Poll;
import dev.twoway.it.support.StackProcess;
import dev.twoway.it.support.TestMySql;

/**
 * {@code ./twoway stack} as a user meets it: a separate JVM on the stack's own class path,
 * twoway loaded from the plugin directory only, config/source.json POSTed to its REST API,
 * a row inserted, and its change read back from the table's topic with its GTID header.
 */
class StackIT {
    private static final String SOURCE_CLASS = "dev.twoway.source.TwowaySourceConnector";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private StackProcess stack;
    private String database;

    @BeforeEach
    void startStack() throws Exception {
        Path plugins = StackProcess.repoRoot().resolve("distribution/target/plugins");
        assertTrue(Files.isDirectory(plugins.resolve("twoway/lib")), plugins + " holds twoway (built by distribution)");
        stack = StackProcess.start(StackProcess.repoRoot(), plugins, "service_load", "stack-it");
    }

    @AfterEach
    void stopStack() throws SQLException {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void stackLoadsTwowayFromThePluginPathAndStreamsARowWithItsGtid() throws Exception {
        assertTrue(pluginClasses().contains(SOURCE_CLASS),
                "GET /connector-plugins lists " + SOURCE_CLASS + ": " + pluginClasses());

        database = mysql.createDatabase("stack");
        mysql.execute("CREATE TABLE `" + database + "`.`items` (`id` INT PRIMARY KEY, `title` VARCHAR(64) NOT NULL)");
        ObjectNode payload = sourcePayload();
        String connector = payload.get("name").asText();
        String topic = payload.path("config").path("topic.prefix").asText("twoway") + "." + database + ".items";
        post("/connectors", payload);
        awaitRunning(connector);

        Map<Integer, String> gtidOfRow = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            // Debezium streams only what commits after it found its binlog position, which a
            // running task does not promise yet; so each round commits one more row until one
            // comes back (the changelog-marker idea of gh-ost).
            Poll.until(WAIT, () -> "a record with header twoway.gtid on " + topic + "; saw " + seen.size()
                    + " record(s); connector " + quietly(() -> get("/connectors/" + connector + "/status")), () -> {
                        failIfTaskFailed(connector);
                        int id = gtidOfRow.size() + 1;
                        gtidOfRow.put(id, insertRow(id));
                        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                        return seen.stream().anyMatch(r -> r.headers().lastHeader("twoway.gtid") != null);
                    });
        }

        ConsumerRecord<byte[], byte[]> record = seen.stream()
                .filter(r -> r.headers().lastHeader("twoway.gtid") != null).findFirst().orElseThrow();
        int id = JSON.readTree(record.value()).at("/payload/after/id").asInt();
        assertNotNull(gtidOfRow.get(id), "the record is one of the rows this test inserted: " + id);
        assertEquals(gtidOfRow.get(id), header(record, "twoway.gtid"), "header twoway.gtid of row " + id);
    }

    /** config/source.json, pointed at this test's server and database. */
    private ObjectNode sourcePayload() throws IOException {
        Path file = StackProcess.repoRoot().resolve("config/source.json");
        ObjectNode payload = (ObjectNode) JSON.readTree(file.toFile());
        payload.put("name", "stack-it-" + database);
        ObjectNode config = (ObjectNode) payload.get("config");
        assertEquals(SOURCE_CLASS, config.path("connector.class").asText(), "connector.class of " + file);
        mysql.connectionConfig().forEach(config::put);
        config.put("database.include.list", database);
        return payload;
    }

    private String insertRow(int id) throws SQLException {
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO `" + database + "`.`items` VALUES (" + id + ", 'row " + id + "')");
            return lastGtid(c);
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

    private List<String> pluginClasses() throws IOException, InterruptedException {
        List<String> classes = new ArrayList<>();
        JSON.readTree(get("/connector-plugins")).forEach(p -> classes.add(p.path("class").asText()));
        return classes;
    }

    private void awaitRunning(String connector) {
        Poll.until(WAIT, () -> connector + " and its task running: " + quietly(() -> get("/connectors/" + connector + "/status")),
                () -> {
                    JsonNode status = JSON.readTree(get("/connectors/" + connector + "/status"));
                    return "RUNNING".equals(status.at("/connector/state").asText())
                            && "RUNNING".equals(status.at("/tasks/0/state").asText());
                });
    }

    /** A failed task never recovers by itself: say why at once rather than at the deadline. */
    private void failIfTaskFailed(String connector) throws IOException, InterruptedException {
        JsonNode task = JSON.readTree(get("/connectors/" + connector + "/status")).at("/tasks/0");
        if ("FAILED".equals(task.path("state").asText())) {
            throw new AssertionError("task 0 of " + connector + " failed: " + task.path("trace").asText());
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The topic appears with the first record; look for it often.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private String get(String path) throws IOException, InterruptedException {
        return stack.get(path);
    }

    private void post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = stack.post(path, JSON.writeValueAsString(body));
        assertEquals(201, response.statusCode(), "POST " + path + ": " + response.body());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private interface Text {
        String get() throws Exception;
    }

    private static String quietly(Text text) {
        try {
            return text.get();
        }
        catch (Exception e) {
            return "(" + e + ")";
        }
    }
}
