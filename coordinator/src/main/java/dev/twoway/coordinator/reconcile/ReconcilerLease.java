package dev.twoway.coordinator.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL named lock (GET_LOCK) held by the reconciler's main connection: one reconciler per
 * migration even when a zombie task of an old generation still runs. It dies with the connection.
 */
public final class ReconcilerLease {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerLease.class);

    private final String name;
    private final String migrationId;
    private boolean held;
    private boolean reportedBusy;

    public ReconcilerLease(String migrationId) {
        this.migrationId = migrationId;
        this.name = lockName(migrationId);
    }

    /** The named lock of a migration's reconciler: free once no task of it runs (tests wait for that). */
    public static String lockName(String migrationId) {
        return "twoway.migration." + hash(migrationId);
    }

    /** Holds the lease on {@code c} (taking it if free); false while another reconciler has it. */
    public boolean hold(Connection c) throws SQLException {
        if (held) {
            return true;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                held = rs.next() && rs.getInt(1) == 1;
            }
        }
        if (!held && !reportedBusy) {
            LOG.warn("migration {}: another reconciler holds lock {}; waiting for it to end", migrationId, name);
        }
        reportedBusy = !held;
        return held;
    }

    /** The connection that held it is gone, and the lease with it. */
    public void lost() {
        held = false;
    }

    private static String hash(String migrationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(migrationId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
