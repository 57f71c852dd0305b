package dev.twoway.core.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Names of the tables a migration makes beside the original, within MySQL's 64 characters:
 * {@code <table>_tw<hash>_new} (the new schema while not live), {@code <table>_tw<hash>_old}
 * (the old schema while not live) and {@code <table>_tw<hash>_hold_<UTC time>} (retired).
 *
 * <p>Every name sorts after the table's own name, and that is load-bearing: a {@code RENAME
 * TABLE} takes its metadata locks in name order, so the cut-over's pending rename queues on the
 * live table itself, where MySQL serves it before the writers queued there. Were the sentry to
 * sort first, the rename would wait on the sentry alone, and at the unlock a waiting writer
 * could slip into the old table between the unlock and the rename (seen under load with names
 * that began with an underscore). A name too long to keep the table's name as its prefix gets a
 * {@code ~}, which sorts after every character of an unquoted identifier, where it is cut.
 */
public final class TableNames {
    private static final int MAX = 64;
    private static final int STAMP_LENGTH = 14;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private TableNames() {
    }

    public static String shadow(String table, String migrationId) {
        return name(table, migrationId, "new");
    }

    public static String old(String table, String migrationId) {
        return name(table, migrationId, "old");
    }

    public static String hold(String table, String migrationId, Instant at) {
        return name(table, migrationId, "hold_" + STAMP.format(at));
    }

    /** Whether {@code candidate} is a hold name {@link #hold} gives the table and migration, at any time. */
    public static boolean isHold(String candidate, String table, String migrationId) {
        String sample = hold(table, migrationId, Instant.EPOCH);
        String prefix = sample.substring(0, sample.length() - STAMP_LENGTH);
        return candidate.length() == sample.length() && candidate.startsWith(prefix)
                && candidate.substring(prefix.length()).chars().allMatch(Character::isDigit);
    }

    private static String name(String table, String migrationId, String suffix) {
        String tail = "_tw" + hash(migrationId) + "_" + suffix;
        if (table.length() + tail.length() <= MAX) {
            return table + tail;
        }
        return table.substring(0, MAX - tail.length() - 1) + "~" + tail;
    }

    private static String hash(String migrationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(migrationId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
