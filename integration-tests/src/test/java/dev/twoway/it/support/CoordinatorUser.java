package dev.twoway.it.support;

import java.sql.SQLException;

/**
 * A MySQL user of the coordinator's own, with what it needs on one database and the sidecar, so a
 * test can do to its connections what a crash of the coordinator's process does to MySQL.
 */
public final class CoordinatorUser {
    private CoordinatorUser() {
    }

    /** Creates {@code user} (password {@code pw}) with the coordinator's grants on {@code db}. */
    public static void create(TestMySql mysql, String db, String user) throws SQLException {
        mysql.execute("DROP USER IF EXISTS '" + user + "'@'%'", "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT, INSERT, UPDATE, CREATE, ALTER, DROP, LOCK TABLES ON `" + db.replace("_", "\\_") + "`.* TO '"
                        + user + "'@'%'",
                "GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON `\\_twoway`.* TO '" + user + "'@'%'",
                "GRANT SELECT ON performance_schema.metadata_locks TO '" + user + "'@'%'");
    }

    /** What a crash of the coordinator's process does to MySQL: every connection of {@code user} is gone. */
    public static void killConnections(TestMySql mysql, String user) throws SQLException {
        for (String id : mysql.column("SELECT ID FROM performance_schema.processlist WHERE USER = '" + user + "'")) {
            try {
                mysql.execute("KILL CONNECTION " + id);
            }
            catch (SQLException gone) {
                // it ended on its own meanwhile
            }
        }
    }
}
