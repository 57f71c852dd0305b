package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds a session to the lexical rules twoway reads SQL text with ({@code dev.twoway.core.ddl.ScriptParser}):
 * no {@code ANSI_QUOTES} (double quotes delimit strings), backslash escapes, {@code ||} and
 * {@code NOT} as by default, and quoted names in {@code SHOW CREATE TABLE}. A server whose
 * global {@code sql_mode} says otherwise would read a statement twoway judged in another way.
 * The other modes (strictness above all) are the server's. Restores the session on close.
 */
final class LexicalSession implements AutoCloseable {
    private static final Set<String> LEXICAL = Set.of("ANSI_QUOTES", "NO_BACKSLASH_ESCAPES", "PIPES_AS_CONCAT",
            "HIGH_NOT_PRECEDENCE", "IGNORE_SPACE", "ANSI");

    private final Connection connection;
    private final String sqlMode;
    private final String quoteShowCreate;
    private boolean changed;

    private LexicalSession(Connection connection, String sqlMode, String quoteShowCreate) {
        this.connection = connection;
        this.sqlMode = sqlMode;
        this.quoteShowCreate = quoteShowCreate;
    }

    static LexicalSession hold(Connection connection) throws SQLException {
        String mode;
        String quote;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode, @@SESSION.sql_quote_show_create")) {
            rs.next();
            mode = rs.getString(1);
            quote = rs.getString(2);
        }
        LexicalSession session = new LexicalSession(connection, mode, quote);
        String lexical = Arrays.stream(mode.split(",")).filter(m -> !LEXICAL.contains(m.toUpperCase(Locale.ROOT)))
                .collect(Collectors.joining(","));
        if (!lexical.equals(mode) || !"1".equals(quote)) {
            session.set(lexical, "1");
            session.changed = true;
        }
        return session;
    }

    @Override
    public void close() throws SQLException {
        if (changed) {
            set(sqlMode, quoteShowCreate);
        }
    }

    private void set(String mode, String quote) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SET SESSION sql_mode = ?, SESSION sql_quote_show_create = " + ("1".equals(quote) ? "1" : "0"))) {
            s.setString(1, mode);
            s.execute();
        }
    }
}
