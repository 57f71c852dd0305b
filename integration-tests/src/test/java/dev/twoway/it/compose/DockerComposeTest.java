package dev.twoway.it.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docker-compose.yml, checked without Docker: the services it promises, MySQL with the binlog
 * twoway needs on the port config/*.json name, Kafka in KRaft mode, a Connect worker whose
 * plugin.path is the directory distribution lays out, and a schema registry.
 */
class DockerComposeTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode services;

    DockerComposeTest() throws IOException {
        services = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("docker-compose.yml").toFile()).path("services");
    }

    @Test
    void hasMySqlKafkaConnectAndASchemaRegistry() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("mysql", "kafka", "connect", "schema-registry"), names, "services");
        services.forEach(s -> assertEquals("host", s.path("network_mode").asText(),
                "every service on the host network, so config/*.json's 127.0.0.1 addresses hold: " + s));
    }

    @Test
    void mySqlIs84WithGtidsAndAFullRowBinlogOnThePortOfTheConfigFiles() throws IOException {
        JsonNode mysql = services.path("mysql");
        assertEquals("mysql:8.4", mysql.path("image").asText());
        List<String> flags = strings(mysql.path("command"));
        for (String flag : List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--binlog-format=ROW",
                "--binlog-row-image=FULL", "--bind-address=127.0.0.1")) {
            assertTrue(flags.contains(flag), "mysql runs with " + flag + ": " + flags);
        }
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("--log-bin")), "mysql writes a binlog: " + flags);
        for (JsonNode config : configFiles()) {
            assertTrue(flags.contains("--port=" + config.path("database.port").asText()),
                    "mysql listens on database.port of " + config + ": " + flags);
            assertEquals("127.0.0.1", config.path("database.hostname").asText(), "database.hostname of " + config);
        }
    }

    @Test
    void kafkaIsKraftOnTheVersionTwowayBuildsWith() {
        JsonNode kafka = services.path("kafka");
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), kafka.path("image").asText(), "Kafka image");
        JsonNode env = kafka.path("environment");
        assertEquals("broker,controller", env.path("KAFKA_PROCESS_ROLES").asText(), "one combined KRaft node");
        assertTrue(env.has("KAFKA_CONTROLLER_QUORUM_VOTERS"), "a KRaft quorum: " + env);
        assertTrue(env.path("KAFKA_LISTENERS").asText().contains(env.path("KAFKA_ADVERTISED_LISTENERS").asText()),
                "the advertised listener is one it listens on: " + env);
    }

    @Test
    void connectLoadsTheDistributionPluginDirectoryWithServiceLoadOnRestPort8083() throws Exception {
        JsonNode connect = services.path("connect");
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), connect.path("image").asText(), "Connect image");
        Properties worker = workerProperties(connect);
        List<String> volumes = strings(connect.path("volumes"));
        assertEquals(1, volumes.size(), "one volume, the plugin directory: " + volumes);
        String[] volume = volumes.get(0).split(":");
        assertEquals(worker.getProperty("plugin.path"), volume[1], "the volume is mounted on plugin.path");
        assertEquals(distributionPluginDirectory(), REPO.resolve(volume[0]).resolve("twoway").normalize(),
                "distribution unpacks its archive into the mounted directory");
        assertEquals("service_load", worker.getProperty("plugin.discovery"));
        assertEquals("http://127.0.0.1:8083", worker.getProperty("listeners"), "Connect REST where the README's curls go");
        assertTrue(Files.readString(REPO.resolve("README.md")).contains("http://127.0.0.1:8083/connectors"),
                "the README POSTs to port 8083");
        assertEquals(services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText()
                .replace("PLAINTEXT://", ""), worker.getProperty("bootstrap.servers"), "Connect reaches Kafka");
    }

    @Test
    void schemaRegistrySpeaksOnPort8081() {
        JsonNode registry = services.path("schema-registry");
        assertTrue(registry.path("image").asText().startsWith("apicurio/apicurio-registry:"),
                "a registry with a Confluent-compatible API: " + registry.path("image"));
        assertEquals("8081", registry.path("environment").path("QUARKUS_HTTP_PORT").asText());
    }

    /** The worker properties the connect service writes from its command's here-document. */
    private static Properties workerProperties(JsonNode connect) throws IOException {
        String script = String.join("\n", strings(connect.path("command")));
        int start = script.indexOf("<<'PROPS'\n");
        int end = script.indexOf("\nPROPS", start);
        assertTrue(start >= 0 && end > start, "the connect command writes its properties in a PROPS here-document");
        Properties properties = new Properties();
        properties.load(new StringReader(script.substring(start + "<<'PROPS'\n".length(), end).replaceAll("(?m)^\\s+", "")));
        return properties;
    }

    /** Where distribution/pom.xml unpacks the archive (antrun's unzip dest). */
    private static Path distributionPluginDirectory() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve("distribution/pom.xml").toFile());
        var unzips = pom.getElementsByTagName("unzip");
        assertEquals(1, unzips.getLength(), "distribution/pom.xml unpacks one archive");
        String dest = ((Element) unzips.item(0)).getAttribute("dest");
        return REPO.resolve("distribution").resolve(dest.replace("${project.build.directory}", "target")).normalize();
    }

    private static List<JsonNode> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("config"))) {
            List<JsonNode> configs = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                configs.add(JSON.readTree(file.toFile()).path("config"));
            }
            assertEquals(4, configs.size(), "config/ holds source, sink, migration and deploy-request payloads");
            return configs;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
