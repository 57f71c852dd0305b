package dev.twoway.it.fidelity;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 * writers in several others. Cases run side by side, each a test of its own, and the summary
 * prints the matrix ({@link MatrixReport}).
 *
 * <p>Each case runs on a source, a sink and a database of its own, so that it fails alone: while a
 * value the table refuses can stop the sink task instead of failing only its migration (issue 10,
 * defect 9), one such case would take every case on the same sink down. With
 * {@code -Dfidelity.shared=true} the cases that expect to be equal or refused share one source
 * and one sink, as the tables of one database do in service (the cases whose point is a refused
 * value, FAILS and NOT_REVERTIBLE, still run alone). {@code -Dfidelity.cases=a,b} runs only the
 * cases named; {@code -Dfidelity.keep=true} leaves their databases behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FidelityMatrixIT {
    /** A zone with daylight saving time; fixed offsets when the server has no time zone tables. */
    private static final String SERVER_ZONE = "Europe/Berlin";
    /** Cases at once: most of a case's time is spent waiting for the pipeline, not working. */
    private static final int PARALLEL = 4;
    private static final String SHARED = "fidelity.shared";
    /** Keeps the cases' databases (tables, shadows, the oracle's tables) for a look after a failure. */
    private static final String KEEP = "fidelity.keep";

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final List<FidelityCase> selected = FidelityCases.selected();
    private final Map<String, CaseRun> cases = new ConcurrentHashMap<>();
    private final Map<String, Future<CaseRun.Result>> runs = new LinkedHashMap<>();
    private final List<MatrixReport.Line> lines = new ArrayList<>();
    private final long started = System.nanoTime();
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
        if (Boolean.getBoolean(SHARED)) {
            pipeline = MigrationPipeline.start(mysql, db);
        }
        pool = Executors.newFixedThreadPool(PARALLEL);
        for (FidelityCase c : selected) {
            runs.put(c.name(), pool.submit(() -> alone(c) ? runAlone(c) : run(c, pipeline, db)));
        }
    }

    private static boolean alone(FidelityCase c) {
        return !Boolean.getBoolean(SHARED) || c.expect() == FidelityCase.Expect.FAILS
                || c.expect() == FidelityCase.Expect.NOT_REVERTIBLE;
    }

    private CaseRun.Result run(FidelityCase c, MigrationPipeline through, String database) throws Exception {
        CaseRun run = new CaseRun(mysql, through, database, oracle, c);
        cases.put(c.name(), run);
        return run.run();
    }

    private CaseRun.Result runAlone(FidelityCase c) throws Exception {
        String own = mysql.createDatabase("fidelity_" + c.name());
        try (MigrationPipeline through = MigrationPipeline.start(mysql, own)) {
            return run(c, through, own);
        }
        finally {
            if (!Boolean.getBoolean(KEEP)) {
                mysql.execute("DROP DATABASE IF EXISTS `" + own + "`");
            }
        }
    }

    private Duration took(FidelityCase c) {
        CaseRun run = cases.get(c.name());
        return run == null ? Duration.ZERO : run.took();
    }

    private Set<String> kinds(FidelityCase c) {
        CaseRun run = cases.get(c.name());
        return run == null ? Set.of() : run.kinds();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseEqualsMySqlsOwnAlter() {
        return selected.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            try {
                CaseRun.Result result = runs.get(c.name()).get(30, TimeUnit.MINUTES);
                record(new MatrixReport.Line(c, kinds(c), result, null, took(c)));
            }
            catch (ExecutionException e) {
                Throwable failure = e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
                record(new MatrixReport.Line(c, kinds(c), null, String.valueOf(failure.getMessage()), took(c)));
                throw e.getCause();
            }
        }));
    }

    private void record(MatrixReport.Line line) {
        synchronized (lines) {
            lines.add(line);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.out.println(MatrixReport.render(lines, Duration.ofNanos(System.nanoTime() - started)));
        if (pipeline != null) {
            pipeline.close();
        }
        mysql.execute("SET GLOBAL time_zone = '" + previousZone + "'");
        if (!Boolean.getBoolean(KEEP)) {
            mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + oracle.database() + "`");
        }
    }
}
