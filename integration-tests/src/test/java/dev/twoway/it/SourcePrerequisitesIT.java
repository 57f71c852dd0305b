package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * {@code PUT /connector-plugins/{class}/config/validate} refuses a server whose binlog cannot
 * carry twoway, naming the variable, its value and the fix. These tests change server globals,
 * so each one restores them at once and the class runs its tests one after the other; the
 * window in which the server is misconfigured is as short as one validation.
 */
class SourcePrerequisitesIT {
    private static final String CONNECTOR_CLASS = "dev.twoway.source.TwowaySourceConnector";

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final String server = mysql.host() + ":" + mysql.port();

    @BeforeEach
    void requireAFitServer() throws SQLException {
        Map<String, String> globals = Map.of("gtid_mode", global("gtid_mode"), "binlog_format", global("binlog_format"),
                "binlog_row_image", global("binlog_row_image"));
        assertEquals(Map.of("gtid_mode", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL"), globals,
                "the test server must start fit for twoway");
    }

    @AfterEach
    void restoreGlobals() throws SQLException {
        // gtid_mode moves one step at a time; ON_PERMISSIVE -> ON is one step.
        mysql.execute("SET GLOBAL `gtid_mode` = 'ON'", "SET GLOBAL `binlog_format` = 'ROW'",
                "SET GLOBAL `binlog_row_image` = 'FULL'");
    }

    @Test
    void aFitServerValidatesWithoutErrors() {
        ConfigInfos result = validate();

        assertEquals(0, result.errorCount(), () -> "errors: " + errors(result));
    }

    @Test
    void gtidModeOtherThanOnIsRefused() throws SQLException {
        ConfigInfos result = validateWith("SET GLOBAL `gtid_mode` = 'ON_PERMISSIVE'");

        assertOnlyError(result, "MySQL at " + server + " has gtid_mode=ON_PERMISSIVE; twoway needs gtid_mode=ON"
                + " (every change must carry its GTID");
    }

    @Test
    void statementBasedBinlogIsRefused() throws SQLException {
        ConfigInfos result = validateWith("SET GLOBAL `binlog_format` = 'STATEMENT'");

        assertOnlyError(result, "MySQL at " + server + " has binlog_format=STATEMENT; twoway needs binlog_format=ROW");
    }

    @Test
    void minimalRowImagesAreRefused() throws SQLException {
        ConfigInfos result = validateWith("SET GLOBAL `binlog_row_image` = 'MINIMAL'");

        assertOnlyError(result, "MySQL at " + server + " has binlog_row_image=MINIMAL; twoway needs binlog_row_image=FULL"
                + " (the sink writes whole rows into the shadow and old tables and needs full before and after images)");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws SQLException {
        ConfigInfos result = validateWith("SET GLOBAL `gtid_mode` = 'ON_PERMISSIVE'",
                "SET GLOBAL `binlog_format` = 'MIXED'", "SET GLOBAL `binlog_row_image` = 'NOBLOB'");

        assertEquals(3, result.errorCount(), () -> "errors: " + errors(result));
    }

    /** Misconfigures the server, validates, and puts the server right again at once. */
    private ConfigInfos validateWith(String... statements) throws SQLException {
        try {
            mysql.execute(statements);
            return validate();
        }
        finally {
            restoreGlobals();
        }
    }

    private ConfigInfos validate() {
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("name", "prerequisites-it");
        config.put("database.include.list", "prerequisites_it");
        return TestConnect.cluster().validateConnectorConfig(CONNECTOR_CLASS, config);
    }

    private static void assertOnlyError(ConfigInfos result, String expectedStart) {
        List<String> errors = errors(result);
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertTrue(errors.get(0).startsWith("database.hostname: " + expectedStart), () -> "error: " + errors.get(0));
    }

    private static List<String> errors(ConfigInfos result) {
        return result.configs().stream().map(ConfigInfo::configValue).filter(Objects::nonNull)
                .flatMap(v -> v.errors().stream().map(e -> v.name() + ": " + e)).toList();
    }

    private String global(String variable) throws SQLException {
        return mysql.value("SELECT @@GLOBAL.`" + variable + "`");
    }
}
