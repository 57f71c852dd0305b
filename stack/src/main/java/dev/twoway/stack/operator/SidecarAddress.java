package dev.twoway.stack.operator;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Where the sidecar database is and who reads it: given with {@code --mysql}, or taken from the
 * {@code database.*} and {@code twoway.database} options of a twoway connector as Connect's REST
 * API returns them. Placeholders of Connect's config providers in them ({@code ${env:…}},
 * {@code ${file:…}}) are resolved here with Kafka's own providers, on this machine; one that
 * cannot be is an error that says to pass {@code --mysql}. The password is never shown.
 */
record SidecarAddress(String host, int port, String user, String password, String sslMode, String database,
                      String from) {
    static final String DEFAULT_DATABASE = "_twoway";

    /** A placeholder this machine could not resolve (another provider, an unset variable, an unreadable file). */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message);
        }
    }

    /** {@code --mysql jdbc:mysql://host:port/}; user and password from TWOWAY_MYSQL_USER and TWOWAY_MYSQL_PASSWORD. */
    static SidecarAddress fromUrl(String url, String database, Map<String, String> env) {
        String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri = URI.create(text);
        if (!"mysql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--mysql must look like jdbc:mysql://host:port/, not '" + url + "'");
        }
        return new SidecarAddress(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(),
                env.getOrDefault("TWOWAY_MYSQL_USER", "root"), env.getOrDefault("TWOWAY_MYSQL_PASSWORD", ""),
                "preferred", database == null ? DEFAULT_DATABASE : database, "--mysql");
    }

    /** The options of connector {@code name}, their placeholders resolved. */
    static SidecarAddress fromConnector(String name, Map<String, String> config, String database) throws Unresolved {
        Map<String, String> resolved = resolve(config);
        for (String key : new String[] {"database.hostname", "database.user", "database.password", "database.port"}) {
            String value = resolved.get(key);
            if (value != null && value.contains("${")) {
                throw new Unresolved(key + " of connector '" + name + "' is a placeholder this machine cannot resolve"
                        + (key.equals("database.password") ? "" : " (" + value + ")")
                        + ": pass --mysql jdbc:mysql://host:port/ (user and password in TWOWAY_MYSQL_USER and "
                        + "TWOWAY_MYSQL_PASSWORD)");
            }
        }
        String host = resolved.get("database.hostname");
        if (host == null || host.isBlank()) {
            throw new Unresolved("connector '" + name + "' has no database.hostname: pass --mysql");
        }
        return new SidecarAddress(host, Integer.parseInt(resolved.getOrDefault("database.port", "3306").trim()),
                resolved.getOrDefault("database.user", "root"), resolved.getOrDefault("database.password", ""),
                resolved.getOrDefault("database.ssl.mode", "preferred"),
                database != null ? database : resolved.getOrDefault("twoway.database", DEFAULT_DATABASE),
                "the options of connector '" + name + "'");
    }

    /** Resolves {@code ${env:…}} and {@code ${file:…}} as a worker with those providers would. */
    private static Map<String, String> resolve(Map<String, String> config) {
        EnvVarConfigProvider env = new EnvVarConfigProvider();
        FileConfigProvider file = new FileConfigProvider();
        env.configure(Map.of());
        file.configure(Map.of());
        Map<String, ConfigProvider> providers = Map.of("env", env, "file", file);
        return new ConfigTransformer(providers).transform(config).data();
    }

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/?sslMode="
                + sslMode.toUpperCase(Locale.ROOT) + "&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&connectTimeout=5000", props);
    }

    /** The same server and user: one connection serves both. */
    boolean sameServer(SidecarAddress other) {
        return host.equals(other.host) && port == other.port && user.equals(other.user)
                && database.equals(other.database);
    }

    /** E.g. {@code 127.0.0.1:3307 as root, sidecar _twoway (from --mysql)}: never the password. */
    @Override
    public String toString() {
        return host + ":" + port + " as " + user + ", sidecar " + database + " (from " + from + ")";
    }
}
