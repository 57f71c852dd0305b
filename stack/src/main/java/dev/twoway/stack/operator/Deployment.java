package dev.twoway.stack.operator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The twoway connectors of one Connect cluster, as its REST API lists them, and where each
 * reads and writes its sidecar. Reads only.
 */
final class Deployment {
    static final String COORDINATOR = "dev.twoway.coordinator.TwowayMigrationConnector";
    static final String SINK = "dev.twoway.sink.TwowaySinkConnector";
    static final String SOURCE = "dev.twoway.source.TwowaySourceConnector";

    private final ConnectApi api;
    private final OperatorOptions options;
    private final Map<String, String> env;
    private final List<ConnectApi.Connector> connectors;

    private Deployment(ConnectApi api, OperatorOptions options, Map<String, String> env,
                       List<ConnectApi.Connector> connectors) {
        this.api = api;
        this.options = options;
        this.env = env;
        this.connectors = connectors;
    }

    static Deployment read(ConnectApi api, OperatorOptions options, Map<String, String> env)
            throws IOException, ConnectApi.Refused {
        return new Deployment(api, options, env, api.connectors());
    }

    ConnectApi api() {
        return api;
    }

    List<ConnectApi.Connector> coordinators() {
        return connectors.stream().filter(c -> COORDINATOR.equals(c.connectorClass())).toList();
    }

    /** The migration's id: {@code migration.id}, by default the coordinator's name. */
    static String migrationId(ConnectApi.Connector coordinator) {
        String id = coordinator.config().get("migration.id");
        return id == null || id.isBlank() ? coordinator.name() : id;
    }

    /** The coordinator of the migration {@code id} (or named {@code id}). */
    Optional<ConnectApi.Connector> coordinator(String id) {
        return coordinators().stream().filter(c -> migrationId(c).equals(id)).findFirst()
                .or(() -> coordinators().stream().filter(c -> c.name().equals(id)).findFirst());
    }

    /** Where {@code connector} keeps its sidecar, or {@code --mysql}. */
    SidecarAddress sidecar(ConnectApi.Connector connector) throws SidecarAddress.Unresolved {
        if (options.mysql() != null) {
            return SidecarAddress.fromUrl(options.mysql(), sidecarDatabase(connector), env);
        }
        return SidecarAddress.fromConnector(connector.name(), connector.config(), options.sidecar());
    }

    /** Every distinct sidecar the coordinators use (the sinks', when no coordinator is deployed). */
    List<SidecarAddress> sidecars() throws SidecarAddress.Unresolved {
        List<ConnectApi.Connector> users = coordinators().isEmpty()
                ? connectors.stream().filter(c -> SINK.equals(c.connectorClass()) || SOURCE.equals(c.connectorClass()))
                        .toList()
                : coordinators();
        if (users.isEmpty() && options.mysql() != null) {
            return List.of(SidecarAddress.fromUrl(options.mysql(), options.sidecar(), env));
        }
        List<SidecarAddress> out = new ArrayList<>();
        for (ConnectApi.Connector connector : users) {
            SidecarAddress address = sidecar(connector);
            if (out.stream().noneMatch(address::sameServer)) {
                out.add(address);
            }
        }
        return out;
    }

    private String sidecarDatabase(ConnectApi.Connector connector) {
        if (options.sidecar() != null) {
            return options.sidecar();
        }
        return connector == null ? null : connector.config().get("twoway.database");
    }
}
