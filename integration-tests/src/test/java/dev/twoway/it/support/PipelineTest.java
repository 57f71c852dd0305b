package dev.twoway.it.support;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests share one database and one deployed source and sink (starting them
 * takes seconds); each test migrates tables of its own in that database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PipelineTest {
    protected final TestMySql mysql = TestMySql.fromEnvironment();
    protected String db;
    protected MigrationPipeline pipeline;

    /** The prefix of the test database's name. */
    protected abstract String databasePrefix();

    /** Connect workers the class needs in the shared cluster; the extra ones are removed after it. */
    protected int workers() {
        return 1;
    }

    @BeforeAll
    void startPipeline() throws SQLException {
        db = mysql.createDatabase(databasePrefix());
        TestConnect.ensureWorkers(workers());
        pipeline = MigrationPipeline.start(mysql, db);
    }

    @AfterAll
    void stopPipeline() throws SQLException {
        if (pipeline != null) {
            pipeline.close();
        }
        TestConnect.keepWorkers(1);
        if (db != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
    }
}
