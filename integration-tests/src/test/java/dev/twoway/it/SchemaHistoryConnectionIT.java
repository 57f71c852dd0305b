package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.Poll;
import dev.twoway.it.support.SourceDeployment;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The source stores Debezium's schema history in the server, one record per DDL, on the binary
 * log reader's thread: Debezium reads no further until the record is stored. A migration makes
 * five DDLs or more (the shadow's CREATE and ALTER, the cut-over's sentry, RENAME and DROP), and
 * each record used to open a connection of its own: a TLS handshake on the reader's thread, on
 * the way of the markers behind it (a tenth of the worker's CPU samples in a 10,000-row
 * migration). The history keeps one connection instead. Counted by the server, for a user of
 * the source's own.
 */
class SchemaHistoryConnectionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int DDLS = 5;

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final String user = "twoway_hist" + ProcessHandle.current().pid();
    private SourceDeployment source;
    private String database;
    private String sidecar;

    @AfterEach
    void cleanUp() throws SQLException {
        if (source != null) {
            source.close();
        }
        mysql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        if (database != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + database + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
        }
    }

    @Test
    void theSchemaHistoryStoresItsRecordsOnOneConnection() throws Exception {
        database = mysql.createDatabase("hist");
        sidecar = mysql.createDatabase("hist_sidecar");
        mysql.execute("DROP USER IF EXISTS '" + user + "'@'%'", "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT ALL ON *.* TO '" + user + "'@'%'");
        source = SourceDeployment.start(mysql, database, Map.of("database.user", user, "database.password", "pw",
                "twoway.database", sidecar));

        String records = "SELECT COUNT(*) FROM `" + sidecar + "`.`schema_history` WHERE `connector` = '"
                + source.name() + "'";
        long recordsBefore = mysql.longValue(records);
        long opened = totalConnections();
        for (int i = 1; i <= DDLS; i++) {
            mysql.execute("CREATE TABLE `" + database + "`.`t" + i + "` (id INT PRIMARY KEY)");
        }
        Poll.until(WAIT, "the source stores a history record per CREATE TABLE",
                () -> mysql.longValue(records) >= recordsBefore + DDLS);
        long openedSince = totalConnections() - opened;
        assertTrue(openedSince <= 1, "the source's user opened " + openedSince + " connections for " + DDLS
                + " schema history records");

        // The server ends the kept connection (as wait_timeout or a restart would): the next
        // record is stored on a new one, and the source goes on streaming.
        List<String> idle = mysql.column("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + user
                + "' AND COMMAND = 'Sleep'");
        assertFalse(idle.isEmpty(), "the source keeps an idle connection");
        for (String id : idle) {
            mysql.execute("KILL " + id);
        }
        mysql.execute("CREATE TABLE `" + database + "`.`after_kill` (id INT PRIMARY KEY)");
        Poll.until(WAIT, "the record of a CREATE TABLE after the kill is stored",
                () -> mysql.longValue(records) >= recordsBefore + DDLS + 1);
        TestConnect.awaitRunning(source.name(), 1);
    }

    private long totalConnections() throws SQLException {
        return mysql.longValue("SELECT COALESCE(SUM(TOTAL_CONNECTIONS), 0) FROM performance_schema.users WHERE USER = '"
                + user + "'");
    }
}
