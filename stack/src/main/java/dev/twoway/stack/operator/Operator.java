package dev.twoway.stack.operator;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's commands behind {@code ./twoway migrations|watch|revert|complete|cancel}: they
 * speak to any Connect REST API and read the sidecar (never write it: every change goes through
 * a coordinator's config, as Connect wants it). Exit status: 0 reached, 1 not reached, 2 usage or
 * unreachable.
 */
public final class Operator {
    static final int REACHED = 0;
    static final int NOT_REACHED = 1;
    static final int UNUSABLE = 2;

    /** Something the user must fix; the message says what (exit status 2). */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final OperatorOptions options;
    private final PrintStream out;

    private Operator(OperatorOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** The commands' entry point without {@code System.exit}: the exit status (what the operator's IT runs). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            out.println(OperatorOptions.USAGE);
            return REACHED;
        }
        OperatorOptions options;
        try {
            options = OperatorOptions.parse(args);
        }
        catch (OperatorOptions.Usage e) {
            err.println("twoway: " + e.getMessage());
            err.println(OperatorOptions.USAGE);
            return UNUSABLE;
        }
        try {
            return new Operator(options, out).run() ? REACHED : NOT_REACHED;
        }
        catch (Failure | SidecarAddress.Unresolved | IOException | IllegalArgumentException e) {
            err.println("twoway: " + e.getMessage());
            return UNUSABLE;
        }
        catch (ConnectApi.Refused e) {
            err.println("twoway: the Connect REST API at " + options.connect() + " refused (" + e.status + "): "
                    + e.getMessage());
            return UNUSABLE;
        }
        catch (SQLException e) {
            err.println("twoway: reading the sidecar failed: " + e.getMessage());
            return UNUSABLE;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_REACHED;
        }
        catch (Exception e) {
            err.println("twoway: " + e);
            return UNUSABLE;
        }
    }

    private boolean run() throws Exception {
        Deployment deployment = Deployment.read(new ConnectApi(options.connect()), options, System.getenv());
        return switch (options.command()) {
            case "migrations" -> migrations(deployment);
            case "watch" -> watch(deployment);
            case "revert" -> new TargetChange(deployment, out, options.tty()).run(options.migrationId(), "reverted",
                    options.timeout());
            case "complete" -> new TargetChange(deployment, out, options.tty()).run(options.migrationId(), "complete",
                    options.timeout());
            case "cancel" -> new TargetChange(deployment, out, options.tty()).run(options.migrationId(), "cancelled",
                    options.timeout());
            default -> throw new Failure("unknown command " + options.command());
        };
    }

    /** The table of every migration: each sidecar's rows, with the coordinators deployed for them. */
    private boolean migrations(Deployment deployment) throws Exception {
        Map<String, MigrationTable.Line> lines = new LinkedHashMap<>();
        for (SidecarAddress sidecar : deployment.sidecars()) {
            try (Connection c = connect(sidecar)) {
                for (StateRow row : new StateRows(c, sidecar.database()).all()) {
                    Optional<ConnectApi.Connector> coordinator = deployment.coordinator(row.migrationId());
                    if (coordinator.isPresent() || options.all()) {
                        lines.putIfAbsent(row.migrationId(), new MigrationTable.Line(row.migrationId(), row,
                                coordinator.orElse(null)));
                    }
                }
            }
        }
        for (ConnectApi.Connector coordinator : deployment.coordinators()) {
            String id = Deployment.migrationId(coordinator);
            lines.putIfAbsent(id, new MigrationTable.Line(id, null, coordinator));
        }
        if (lines.isEmpty()) {
            out.println("no migrations deployed on " + options.connect() + (options.all() ? " or in its sidecars"
                    : " (--all also lists the sidecars' rows of migrations not deployed there)"));
            return true;
        }
        out.print(MigrationTable.render(new ArrayList<>(lines.values()), Instant.now()));
        return true;
    }

    /** Follows one migration until it settles at its target (exit 0) or will not (exit 1). */
    private boolean watch(Deployment deployment) throws Exception {
        String id = options.migrationId();
        Optional<ConnectApi.Connector> coordinator = deployment.coordinator(id);
        List<SidecarAddress> sidecars = coordinator.isPresent() ? List.of(deployment.sidecar(coordinator.get()))
                : deployment.sidecars();
        String migrationId = coordinator.map(Deployment::migrationId).orElse(id);
        String target = coordinator.map(c -> c.config().getOrDefault("migration.target", "complete")).orElse(null);
        for (SidecarAddress sidecar : sidecars) {
            try (Connection c = connect(sidecar)) {
                StateRows rows = new StateRows(c, sidecar.database());
                Optional<StateRow> now = rows.one(migrationId);
                if (now.isEmpty() && coordinator.isEmpty()) {
                    continue;
                }
                if (target == null) {
                    out.println(ProgressText.line(now.get(), Instant.now()) + "  (no coordinator deployed)");
                    return true;
                }
                out.println(migrationId + ": target " + target + " (" + sidecar + ")");
                Outcome.Verdict verdict = new Follower(rows, deployment.api(), coordinator.get(), out, options.tty())
                        .follow(migrationId, Outcome.settling(target), options.timeout());
                out.println(verdict.reached() ? migrationId + " is " + verdict.reason()
                        : migrationId + " did not become " + target + ": " + verdict.reason());
                return verdict.reached();
            }
        }
        throw new Failure("no migration '" + id + "' on " + options.connect() + " or in its sidecars");
    }

    static Connection connect(SidecarAddress sidecar) throws Failure {
        try {
            return sidecar.connect();
        }
        catch (SQLException e) {
            throw new Failure("cannot reach the sidecar at " + sidecar + ": " + e.getMessage());
        }
    }
}
