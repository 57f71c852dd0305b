package dev.twoway.stack.operator;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./twoway revert|complete|cancel ID}: sets {@code migration.target} with the whole-config
 * {@code PUT} Connect needs (the config as Connect holds it, placeholders and all, the target
 * changed), then follows the migration until it reaches the target's state or says it will not.
 * Connect's own validation refuses a target the migration cannot take (a revert outside its
 * window, a cancel after the cut-over) with the reasons, which are shown. A target set already
 * whose swap gave up is asked again by restarting the connector's task, as the row says to.
 */
final class TargetChange {
    private final Deployment deployment;
    private final PrintStream out;
    private final boolean tty;

    TargetChange(Deployment deployment, PrintStream out, boolean tty) {
        this.deployment = deployment;
        this.out = out;
        this.tty = tty;
    }

    /** True when the migration reached the target's state within {@code timeout}. */
    boolean run(String id, String target, Duration timeout) throws Exception {
        Optional<ConnectApi.Connector> found = deployment.coordinator(id);
        if (found.isEmpty()) {
            throw new Operator.Failure("no coordinator connector of migration '" + id + "' on "
                    + deployment.api().base() + " (./twoway migrations lists them)");
        }
        ConnectApi.Connector coordinator = found.get();
        String migrationId = Deployment.migrationId(coordinator);
        SidecarAddress sidecar = deployment.sidecar(coordinator);
        try (Connection c = Operator.connect(sidecar)) {
            StateRows rows = new StateRows(c, sidecar.database());
            Optional<StateRow> before = rows.one(migrationId);
            if (before.isPresent() && Outcome.stateOf(target).equals(before.get().state())) {
                out.println(migrationId + " is " + before.get().state() + " already");
                return true;
            }
            if (!ask(coordinator, target, before)) {
                return false;
            }
            Outcome.Verdict verdict = new Follower(rows, deployment.api(), coordinator, out, tty)
                    .follow(migrationId, new Outcome(target, before.orElse(null)), timeout);
            out.println(verdict.reached() ? migrationId + ": " + verdict.reason()
                    : migrationId + " did not become " + Outcome.stateOf(target) + ": " + verdict.reason());
            return verdict.reached();
        }
    }

    /** The PUT, or the restart of a target asked for already; false (with Connect's reasons shown) when refused. */
    private boolean ask(ConnectApi.Connector coordinator, String target, Optional<StateRow> before)
            throws IOException, ConnectApi.Refused {
        Map<String, String> config = new LinkedHashMap<>(deployment.api().config(coordinator.name()));
        if (target.equals(config.getOrDefault("migration.target", "complete"))) {
            if (before.isPresent() && before.get().gaveUp()) {
                out.println("migration.target is " + target + " already and the last try gave up: restarting "
                        + coordinator.name() + " to try again");
                deployment.api().restart(coordinator.name());
            }
            else {
                out.println("migration.target is " + target + " already: waiting for it");
            }
            return true;
        }
        config.put("migration.target", target);
        try {
            deployment.api().putConfig(coordinator.name(), config);
        }
        catch (ConnectApi.Refused refused) {
            out.println("refused by Connect (" + refused.status + "): " + reasons(refused.getMessage()));
            return false;
        }
        out.println("migration.target of " + coordinator.name() + " set to " + target + " (PUT "
                + deployment.api().base().resolve("connectors/" + coordinator.name() + "/config") + ")");
        return true;
    }

    /** Connect's "invalid configuration" message, down to the reasons (one per line). */
    static String reasons(String message) {
        String text = message == null ? "" : message;
        int start = text.indexOf("error(s):");
        if (start >= 0) {
            text = text.substring(start + "error(s):".length());
        }
        int end = text.indexOf("You can also find the above list of errors");
        if (end >= 0) {
            text = text.substring(0, end);
        }
        return text.strip().replace("\n", "\n  ");
    }
}
