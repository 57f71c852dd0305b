package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The ready-to-POST payloads in config/, and the Strimzi KafkaConnector of config/strimzi/, pass
 * their connector's own validation
 * ({@code PUT /connector-plugins/{class}/config/validate}) against the real server, with only
 * the server address and the demo database swapped for the test's.
 */
class ConfigFilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestMySql mysql = TestMySql.fromEnvironment();

    @ParameterizedTest
    @ValueSource(strings = {"source.json", "sink.json", "migration.json", "deploy-request.json", "strimzi/migration.yaml"})
    void configFileValidatesWithoutErrors(String file) throws Exception {
        String db = mysql.createDatabase("config");
        mysql.execute("CREATE TABLE `" + db + "`.`users` (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64), "
                + "title VARCHAR(64) NULL)", "CREATE TABLE `" + db + "`.`orders` (id BIGINT PRIMARY KEY AUTO_INCREMENT, "
                + "user_id BIGINT NOT NULL, total DECIMAL(10,2) NOT NULL)", "CREATE TABLE `" + db + "`.`sessions` (id "
                + "BIGINT PRIMARY KEY AUTO_INCREMENT, token CHAR(32))");
        Map<String, String> config = file.endsWith(".yaml") ? kafkaConnector(configDir().resolve(file)) : payload(
                configDir().resolve(file));
        config.replaceAll((k, v) -> v.replace("`demo`", "`" + db + "`").replace("demo", db));
        // The server's address and credentials (in the Strimzi resource: config provider placeholders).
        config.putAll(mysql.connectionConfig());
        ConfigInfos result;
        try {
            result = TestConnect.cluster().validateConnectorConfig(config.get("connector.class"), config);
        }
        finally {
            mysql.execute("DROP DATABASE `" + db + "`");
        }
        List<String> errors = result.configs().stream().filter(c -> c.configValue() != null).flatMap(c -> c.configValue().errors().stream()
                .map(e -> c.configValue().name() + ": " + e)).collect(Collectors.toList());
        assertEquals(List.of(), errors, file + " validates without errors");
    }

    /** A REST payload's config, with its name. */
    private static Map<String, String> payload(Path file) throws IOException {
        Map<String, Object> payload = JSON.readValue(file.toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, String> config = new HashMap<>((Map<String, String>) payload.get("config"));
        config.put("name", (String) payload.get("name"));
        return config;
    }

    /** A Strimzi KafkaConnector as the operator hands it to Connect: spec.config, class, tasksMax, the name. */
    private static Map<String, String> kafkaConnector(Path file) throws IOException {
        JsonNode resource = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, String> config = new HashMap<>();
        resource.path("spec").path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("connector.class", resource.path("spec").path("class").asText());
        config.put("tasks.max", resource.path("spec").path("tasksMax").asText());
        config.put("name", resource.path("metadata").path("name").asText());
        return config;
    }

    private static Path configDir() {
        Path dir = Path.of(System.getProperty("twoway.config.dir", "../config"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no config directory at " + dir.toAbsolutePath());
        }
        return dir;
    }
}
