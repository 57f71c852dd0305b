package dev.twoway.core.jdbc;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import dev.twoway.core.state.SidecarLimits;
import dev.twoway.core.state.SidecarSchema;

/**
 * The MySQL connection options the sink and the coordinator share, under Debezium's names so
 * one set of values serves all three connectors.
 */
public final class ConnectionConfig {
    public static final String GROUP = "MySQL connection";

    public static final String HOSTNAME = "database.hostname";
    public static final String HOSTNAME_DOC = "Host name or IP address of the MySQL server.";
    public static final String PORT = "database.port";
    public static final String PORT_DOC = "Port of the MySQL server.";
    public static final int PORT_DEFAULT = 3306;
    public static final String USER = "database.user";
    public static final String USER_DOC = "MySQL user twoway connects as (see the README for the grants it needs).";
    public static final String PASSWORD = "database.password";
    public static final String PASSWORD_DOC = "Password of database.user.";
    public static final String SSL_MODE = "database.ssl.mode";
    public static final String SSL_MODE_DOC = "Connector/J sslMode: disabled, preferred, required, verify_ca or verify_identity.";
    public static final String SSL_MODE_DEFAULT = "preferred";
    public static final String SIDECAR = "twoway.database";
    public static final String SIDECAR_DOC = "Database holding twoway's state: migrations, markers, sink progress.";

    /** A name MySQL and every twoway connector take as the sidecar database (see {@link SidecarLimits#databaseProblem}). */
    private static final ConfigDef.Validator SIDECAR_NAME = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            SidecarLimits.databaseProblem(name, (String) value).ifPresent(problem -> {
                throw new ConfigException(name, value, problem);
            });
        }

        @Override
        public String toString() {
            return "ASCII letters, digits and _, at most " + SidecarLimits.IDENTIFIER;
        }
    };

    private ConnectionConfig() {
    }

    /** Adds the connection options to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, HOSTNAME_DOC, GROUP, 1, ConfigDef.Width.MEDIUM, "Host")
                .define(PORT, Type.INT, PORT_DEFAULT, ConfigDef.Range.between(1, 65535), Importance.HIGH, PORT_DOC,
                        GROUP, 2, ConfigDef.Width.SHORT, "Port")
                .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        USER_DOC, GROUP, 3, ConfigDef.Width.MEDIUM, "User")
                .define(PASSWORD, Type.PASSWORD, "", Importance.HIGH, PASSWORD_DOC, GROUP, 4, ConfigDef.Width.MEDIUM,
                        "Password")
                .define(SSL_MODE, Type.STRING, SSL_MODE_DEFAULT,
                        ConfigDef.ValidString.in("disabled", "preferred", "required", "verify_ca", "verify_identity"),
                        Importance.LOW, SSL_MODE_DOC, GROUP, 5, ConfigDef.Width.SHORT, "SSL mode")
                .define(SIDECAR, Type.STRING, SidecarSchema.DEFAULT_DATABASE, SIDECAR_NAME,
                        Importance.MEDIUM, SIDECAR_DOC, GROUP, 6, ConfigDef.Width.MEDIUM, "Sidecar database");
    }

    /** The settings of a parsed config defined with {@link #define}. */
    public static ConnectionSettings settings(AbstractConfig config) {
        Password password = config.getPassword(PASSWORD);
        return new ConnectionSettings(config.getString(HOSTNAME), config.getInt(PORT), config.getString(USER),
                password == null ? "" : password.value(), config.getString(SSL_MODE));
    }
}
