package dev.twoway.it.strimzi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.twoway.coordinator.TwowayMigrationConnector;

/**
 * config/strimzi/, checked without Kubernetes: the KafkaConnector is config/migration.json's
 * migration for the KafkaConnect cluster beside it, names only options the coordinator has, and
 * takes its credentials through a config provider that cluster declares, from a file of the
 * Secret it mounts, under the provider's allowed paths.
 */
class StrimziResourcesTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FILE_PLACEHOLDER = Pattern.compile("\\$\\{file:([^:}]+):([^}]+)}");

    private final JsonNode connector;
    private final JsonNode secret;
    private final JsonNode connect;

    StrimziResourcesTest() throws IOException {
        connector = YAML.readTree(REPO.resolve("config/strimzi/migration.yaml").toFile());
        List<JsonNode> documents = new ArrayList<>();
        YAML.readerFor(JsonNode.class).readValues(REPO.resolve("config/strimzi/kafka-connect.yaml").toFile())
                .forEachRemaining(d -> documents.add((JsonNode) d));
        secret = documents.stream().filter(d -> d.path("kind").asText().equals("Secret")).findFirst().orElseThrow();
        connect = documents.stream().filter(d -> d.path("kind").asText().equals("KafkaConnect")).findFirst()
                .orElseThrow();
    }

    @Test
    void theConnectorIsTheMigrationOfConfigMigrationJsonOnThatCluster() throws IOException {
        assertEquals("kafka.strimzi.io/v1beta2", connector.path("apiVersion").asText());
        assertEquals("KafkaConnector", connector.path("kind").asText());
        assertEquals(connect.path("metadata").path("name").asText(),
                connector.path("metadata").path("labels").path("strimzi.io/cluster").asText(), "strimzi.io/cluster");
        assertEquals("true", connect.path("metadata").path("annotations").path("strimzi.io/use-connector-resources")
                .asText(), "the cluster takes KafkaConnector resources");
        JsonNode json = new ObjectMapper().readTree(REPO.resolve("config/migration.json").toFile());
        assertEquals(json.path("name").asText(), connector.path("metadata").path("name").asText());
        assertEquals(json.path("config").path("connector.class").asText(), connector.path("spec").path("class").asText());
        for (String key : List.of("migration.ddl", "migration.target")) {
            assertEquals(json.path("config").path(key).asText(), config().get(key), key);
        }
        Set<String> options = new TwowayMigrationConnector().config().names();
        config().keySet().forEach(key -> assertTrue(options.contains(key), "an option of the coordinator: " + key));
    }

    @Test
    void credentialsComeFromTheMountedSecretThroughTheDeclaredFileProvider() throws IOException {
        Map<String, String> worker = strings(connect.path("spec").path("config"));
        assertTrue(List.of(worker.get("config.providers").split(",")).contains("file"), "config.providers: " + worker);
        assertEquals("org.apache.kafka.common.config.provider.FileConfigProvider",
                worker.get("config.providers.file.class"));
        String allowed = worker.get("config.providers.file.param.allowed.paths");
        JsonNode mount = connect.path("spec").path("template").path("connectContainer").path("volumeMounts").path(0);
        JsonNode volume = connect.path("spec").path("template").path("pod").path("volumes").path(0);
        assertEquals(mount.path("name").asText(), volume.path("name").asText());
        assertEquals(secret.path("metadata").path("name").asText(), volume.path("secret").path("secretName").asText());
        for (String key : List.of("database.user", "database.password")) {
            Matcher placeholder = FILE_PLACEHOLDER.matcher(config().get(key));
            assertTrue(placeholder.matches(), key + " is a ${file:path:key} placeholder: " + config().get(key));
            Path file = Path.of(placeholder.group(1));
            assertTrue(file.startsWith(allowed), file + " under the provider's allowed.paths " + allowed);
            assertTrue(file.startsWith(mount.path("mountPath").asText()), file + " in the mounted Secret");
            Properties properties = new Properties();
            properties.load(new StringReader(secret.path("stringData").path(file.getFileName().toString()).asText()));
            assertTrue(properties.containsKey(placeholder.group(2)), "the Secret's " + file.getFileName() + " has "
                    + placeholder.group(2));
        }
    }

    private Map<String, String> config() {
        return strings(connector.path("spec").path("config"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new HashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
