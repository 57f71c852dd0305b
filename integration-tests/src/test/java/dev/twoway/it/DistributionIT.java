package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
 * The release as a user installs it: distribution's component archive unzipped into an empty
 * plugin.path directory, a worker (the stack, in its own JVM, twoway not on its class path)
 * that finds plugins through their ServiceLoader manifests only, and the archive's own
 * etc/*.json POSTed to run a DROP COLUMN migration to its end.
 */
class DistributionIT {
    private static final Duration MIGRATION = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PLUGINS = Map.of(
            "dev.twoway.source.TwowaySourceConnector", "source",
            "dev.twoway.sink.TwowaySinkConnector", "sink",
            "dev.twoway.coordinator.TwowayMigrationConnector", "source",
            "dev.twoway.smt.GtidHeader", "transformation",
            "dev.twoway.smt.MarkerRouter", "transformation");

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private Path component;
    private StackProcess stack;
    private String database;

    @BeforeEach
    void installArchive() throws IOException {
        Path plugins = StackProcess.repoRoot().resolve("integration-tests/target/distribution-it/plugins");
        deleteTree(plugins);
        component = unzip(archive(), plugins);
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
    void archiveHoldsAHubManifestTheJarsTheConfigFilesAndTheDocs() throws IOException {
        JsonNode manifest = JSON.readTree(component.resolve("manifest.json").toFile());
        assertEquals("twoway", manifest.path("name").asText(), "manifest name");
        String hubName = manifest.path("owner").path("username").asText() + "-" + manifest.path("name").asText() + "-"
                + manifest.path("version").asText();
        assertEquals(hubName, component.getFileName().toString(),
                "the archive's directory is <owner.username>-<name>-<version>, as Confluent Hub names it");
        assertEquals(hubName + ".zip", archive().getFileName().toString(), "the archive is named so too");
        assertTrue(manifest.path("owner").path("username").asText().matches("[a-z0-9_]{2,255}"),
                "a Confluent Hub owner name: lowercase letters, digits and underscores");
        assertTrue(manifest.path("release_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"), "release_date");
        assertTrue(manifest.path("support").hasNonNull("summary") && manifest.path("support").hasNonNull("provider_name"),
                "support");
        List<String> types = new ArrayList<>();
        manifest.path("component_types").forEach(t -> types.add(t.asText()));
        assertEquals(List.of("source", "sink", "transform"), types, "component_types");
        for (String field : List.of("title", "description", "owner", "license", "features", "requirements")) {
            assertTrue(manifest.hasNonNull(field), "manifest.json has " + field);
        }
        for (String file : List.of("etc/source.json", "etc/sink.json", "etc/migration.json",
                "doc/README.md", "doc/ARCHITECTURE.md", "doc/LICENSE")) {
            assertTrue(Files.isRegularFile(component.resolve(file)), "the archive holds " + file);
        }
        try (Stream<Path> jars = Files.list(component.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            for (String module : List.of("core", "smt", "source-connector", "sink-connector", "coordinator")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith("twoway-" + module + "-")), "lib/ holds twoway-" + module + ": " + names);
            }
            assertTrue(names.stream().noneMatch(n -> n.startsWith("connect-api") || n.startsWith("kafka-clients")),
                    "lib/ leaves Kafka to the worker: " + names);
            // The source (through Debezium) and core (its statement reader) both need MySQL's grammar.
            for (String library : List.of("debezium-ddl-parser-", "antlr4-runtime-")) {
                assertEquals(1, names.stream().filter(n -> n.startsWith(library)).count(), "one " + library + " in " + names);
            }
            List<String> artifacts = names.stream().map(n -> n.replaceFirst("-\\d.*$", "")).toList();
            assertEquals(artifacts.size(), new java.util.HashSet<>(artifacts).size(), "one version of each library: " + names);
        }
    }

    @Test
    void workerWithServiceLoadDiscoveryRunsAMigrationFromTheUnpackedArchive() throws Exception {
        stack = StackProcess.start(StackProcess.repoRoot(), component.getParent(), "service_load", "distribution-it");
        assertEquals(PLUGINS, twowayPlugins(), "twoway's plugins a service_load worker reports");

        database = mysql.createDatabase("dist");
        mysql.execute("CREATE TABLE `" + database + "`.`users` (id BIGINT PRIMARY KEY AUTO_INCREMENT,"
                + " name VARCHAR(64) NOT NULL, title VARCHAR(64) NULL)",
                "INSERT INTO `" + database + "`.`users` (name, title) VALUES ('ada', 'countess'), ('alan', NULL), ('grace', 'rear admiral')");
        String prefix = "twd" + ProcessHandle.current().pid();

        ObjectNode source = payload("source.json");
        config(source).put("topic.prefix", prefix);
        ObjectNode sink = payload("sink.json");
        config(sink).put("topics.regex", prefix + "\\." + database + "\\..*");
        assertEquals("1000", config(sink).path("consumer.override.metadata.max.age.ms").asText(),
                "etc/sink.json refreshes the regex subscription's metadata every second");
        assertEquals("50", config(sink).path("consumer.override.fetch.max.wait.ms").asText(),
                "etc/sink.json fetches a partition resumed after a marker's hold within 50 ms");
        ObjectNode migration = payload("migration.json");
        assertEquals("ALTER TABLE `" + database + "`.`users` DROP COLUMN `title`", config(migration).path("migration.ddl").asText());
        String migrationId = migration.path("name").asText();

        post(source);
        post(sink);
        post(migration);

        awaitComplete(migrationId, List.of(source, sink, migration));
        assertEquals(List.of("id", "name"), mysql.column("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                + database + "' AND table_name = 'users' ORDER BY ordinal_position"), "columns of users after the cut-over");
        assertEquals(List.of("ada", "alan", "grace"), mysql.column("SELECT name FROM `" + database + "`.`users` ORDER BY id"),
                "rows of users after the cut-over");
    }

    /** One of the archive's etc/*.json, pointed at this test's server, database and names. */
    private ObjectNode payload(String file) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(component.resolve("etc").resolve(file).toFile());
        payload.put("name", payload.path("name").asText() + "-" + database);
        ObjectNode config = config(payload);
        List<String> keys = new ArrayList<>();
        config.fieldNames().forEachRemaining(keys::add);
        keys.forEach(k -> config.put(k, config.path(k).asText().replace("demo", database)));
        mysql.connectionConfig().forEach(config::put);
        return payload;
    }

    private static ObjectNode config(ObjectNode payload) {
        return (ObjectNode) payload.get("config");
    }

    private void post(ObjectNode payload) throws IOException, InterruptedException {
        HttpResponse<String> response = stack.post("/connectors", JSON.writeValueAsString(payload));
        assertEquals(201, response.statusCode(), "POST " + payload.path("name").asText() + ": " + response.body());
    }

    /** GET /connector-plugins?connectorsOnly=false, twoway's classes only: class to type. */
    private Map<String, String> twowayPlugins() throws IOException, InterruptedException {
        Map<String, String> plugins = new TreeMap<>();
        JSON.readTree(stack.get("/connector-plugins?connectorsOnly=false")).forEach(p -> {
            if (p.path("class").asText().startsWith("dev.twoway.")) {
                plugins.put(p.path("class").asText(), p.path("type").asText());
            }
        });
        return plugins;
    }

    private void awaitComplete(String migrationId, List<ObjectNode> payloads) {
        String row = "SELECT CONCAT_WS(' | ', state, stage, message) FROM `_twoway`.`migrations` WHERE migration_id = '" + migrationId + "'";
        Poll.until(MIGRATION, () -> "migration " + migrationId + " complete; row: " + quietly(() -> mysql.value(row)), () -> {
            for (ObjectNode payload : payloads) {
                failIfTaskFailed(payload.path("name").asText());
            }
            String state = mysql.value("SELECT state FROM `_twoway`.`migrations` WHERE migration_id = '" + migrationId + "'");
            if ("failed".equals(state)) {
                throw new AssertionError("migration failed: " + mysql.value(row));
            }
            return "complete".equals(state);
        });
    }

    /** A failed task never recovers by itself: say why at once rather than at the deadline. */
    private void failIfTaskFailed(String connector) throws IOException, InterruptedException {
        JsonNode status = JSON.readTree(stack.get("/connectors/" + connector + "/status"));
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError("task of " + connector + " failed: " + task.path("trace").asText());
            }
        }
    }

    private static Path archive() throws IOException {
        Path target = StackProcess.repoRoot().resolve("distribution/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("twoway-twoway-.+\\.zip")).findFirst()
                    .orElseThrow(() -> new AssertionError("no twoway-twoway-<version>.zip in " + target
                            + " (./twoway build)"));
        }
    }

    /** Unzips {@code zip} into {@code dir}, as a user does; returns the archive's top directory. */
    private static Path unzip(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                Path to = dir.resolve(entry.getName()).normalize();
                assertTrue(to.startsWith(dir), "entry inside the archive's directory: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                }
                else {
                    Files.createDirectories(to.getParent());
                    Files.copy(entries, to);
                }
            }
        }
        try (Stream<Path> top = Files.list(dir)) {
            List<Path> dirs = top.toList();
            assertEquals(1, dirs.size(), "the archive has one top directory: " + dirs);
            return dirs.get(0);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
