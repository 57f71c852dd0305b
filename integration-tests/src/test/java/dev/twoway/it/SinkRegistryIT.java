package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.core.state.SidecarSchema;
import dev.twoway.core.state.SinkRegistry;
import dev.twoway.it.support.TestMySql;

/**
 * The sinks' rows as the coordinator reads them at every validate(), admission and start gate,
 * on the real server. A shared sidecar keeps the row of every sink ever deployed: reading what
 * each stopped one had consumed cost a statement per row (255 rows of earlier test runs: about
 * 80 ms of every deploy's validate()), though only a live sink's prefixes decide anything.
 */
class SinkRegistryIT {
    private static final int STOPPED = 200;
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String sidecar;

    @BeforeEach
    void createSidecar() throws SQLException {
        sidecar = mysql.createDatabase("sinkreg");
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
        }
    }

    @AfterEach
    void dropSidecar() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    @Test
    void stoppedSinksCostNoStatementOfTheirOwnAndTheLiveOneKeepsItsPrefixes() throws SQLException {
        SinkRegistry registry = new SinkRegistry(sidecar);
        try (Connection c = mysql.connect()) {
            for (int i = 0; i < STOPPED; i++) {
                registry.register(c, "old-" + i, "old" + i + ".shop.users", null, "u", List.of());
                registry.stopped(c, "old-" + i);
                progress(c, "old-" + i, "old" + i + ".shop.users");
            }
            registry.register(c, "live", null, "live\\..*", "u", List.of());
            progress(c, "live", "live.shop.users");
            progress(c, "live", "live.shop.orders");

            long before = TestMySql.questions(c);
            List<SinkRegistry.Sink> sinks = registry.sinks(c);
            long statements = TestMySql.questions(c) - before - 1; // the second SHOW STATUS counts itself

            assertEquals(STOPPED + 1, sinks.size());
            SinkRegistry.Sink live = sinks.stream().filter(s -> s.connector().equals("live")).findFirst().orElseThrow();
            assertTrue(live.live());
            assertEquals(Set.of("live"), live.prefixes());
            assertTrue(sinks.stream().filter(s -> !s.live()).allMatch(s -> s.prefixes().isEmpty()));
            assertTrue(statements <= 3, "sinks() ran " + statements + " statements for " + (STOPPED + 1) + " sinks, one live");
        }
    }

    private void progress(Connection c, String connector, String topic) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO `" + sidecar + "`.`sink_progress` (connector, topic, kafka_partition, next_offset) "
                    + "VALUES ('" + connector + "', '" + topic + "', 0, 1)");
        }
    }
}
