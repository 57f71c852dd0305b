package dev.twoway.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The distributed workers' configuration: one group, JSON records, everything on the loopback. */
final class WorkerSettings {
    static final String GROUP_ID = "twoway-stack";

    private WorkerSettings() {
    }

    static Map<String, String> of(String bootstrapServers, int restPort, Path pluginPath, String pluginDiscovery) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("group.id", GROUP_ID);
        worker.put("listeners", "http://127.0.0.1:" + restPort);
        worker.put("rest.advertised.host.name", "127.0.0.1");
        worker.put("plugin.path", pluginPath.toString());
        // service_load by default: twoway's jars carry ServiceLoader manifests for every plugin,
        // and a worker that only reads manifests starts faster than one that scans every class.
        worker.put("plugin.discovery", pluginDiscovery);
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("offset.flush.interval.ms", "1000");
        // Secrets out of connector configs, as on a production worker: "${env:NAME}" and
        // "${file:/path/to.properties:key}" are resolved by the worker, never stored or shown.
        worker.put("config.providers", "file,env");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        worker.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        worker.put("config.storage.topic", GROUP_ID + "-configs");
        worker.put("offset.storage.topic", GROUP_ID + "-offsets");
        worker.put("status.storage.topic", GROUP_ID + "-status");
        worker.put("config.storage.replication.factor", "1");
        worker.put("offset.storage.replication.factor", "1");
        worker.put("status.storage.replication.factor", "1");
        worker.put("offset.storage.partitions", "1");
        worker.put("status.storage.partitions", "1");
        return worker;
    }

    /**
     * One of several workers of the group: a worker that leaves it (killed, stopped) has its
     * connectors and tasks held for it {@code scheduled.rebalance.max.delay.ms} before the others
     * run them; 5 min by default, which would make a failover tried by hand look like a hang.
     */
    static Map<String, String> ofGroupMember(String bootstrapServers, int restPort, Path pluginPath,
                                             String pluginDiscovery) {
        Map<String, String> worker = of(bootstrapServers, restPort, pluginPath, pluginDiscovery);
        worker.put("scheduled.rebalance.max.delay.ms", Long.toString(REBALANCE_DELAY_MS));
        return worker;
    }

    static final long REBALANCE_DELAY_MS = 10_000;
}
