package dev.twoway.it.fidelity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The fidelity matrix: every column type MySQL has, every kind of change twoway accepts, and
 * every direction (cut-over, revert, re-apply), each compared with what MySQL itself makes of the
 * same rows. The server runs in a zone with daylight saving time for the whole class and the
 * writers in several others. Cases run side by side through one source and one sink, as tables
 * of one database would in service; each is a test of its own, and the summary prints the matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FidelityMatrixIT {
    /** A zone with daylight saving time; fixed offsets when the server has no time zone tables. */
    private static final String SERVER_ZONE = "Europe/Berlin";
    private static final int PARALLEL = 3;

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final Map<String, Future<CaseRun.Result>> runs = new ConcurrentHashMap<>();
    private final List<CaseRun.Result> results = new ArrayList<>();
    private String db;
    private String previousZone;
    private Oracle oracle;
    private MigrationPipeline pipeline;
    private ExecutorService pool;

    @BeforeAll
    void start() throws SQLException {
        previousZone = mysql.value("SELECT @@GLOBAL.time_zone");
        boolean named = mysql.longValue("SELECT COUNT(*) FROM mysql.time_zone_name WHERE Name = '" + SERVER_ZONE + "'") > 0;
        mysql.execute("SET GLOBAL time_zone = '" + (named ? SERVER_ZONE : "+02:00") + "'");
        db = mysql.createDatabase("fidelity");
        String oracleDb = mysql.createDatabase("fidelity_oracle");
        oracle = new Oracle(mysql, oracleDb);
        TestConnect.cluster();
        pipeline = MigrationPipeline.start(mysql, db);
        pool = Executors.newFixedThreadPool(PARALLEL);
        for (FidelityCase c : FidelityCases.all()) {
            runs.put(c.name(), pool.submit(() -> new CaseRun(mysql, pipeline, db, oracle, c).run()));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseEqualsMySqlsOwnAlter() {
        return FidelityCases.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            CaseRun.Result result = runs.get(c.name()).get(30, TimeUnit.MINUTES);
            synchronized (results) {
                results.add(result);
            }
        }));
    }

    @AfterAll
    void stop() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.out.println(MatrixReport.render(results));
        if (pipeline != null) {
            pipeline.close();
        }
        mysql.execute("SET GLOBAL time_zone = '" + previousZone + "'");
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + oracle.database() + "`");
    }
}
