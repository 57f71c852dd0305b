package dev.twoway.smt;

import java.util.Map;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.spi.topic.TopicNamingStrategy;

/**
 * The topic Debezium writes a table's changes to, computed by Debezium itself: the connector's
 * {@code topic.naming.strategy} (Debezium's {@code DefaultTopicNamingStrategy} unless configured),
 * built from the connector's options exactly as {@code MySqlConnectorTask} builds it. Not a copy of
 * its rules: a table named {@code order items} goes to {@code <prefix>.<db>.order_items} because
 * the strategy replaces characters a topic cannot hold, and names longer than a topic may be are
 * cut, and a custom strategy may do anything else. A marker routed by any other rule than the one
 * that names the table's data topic lands on a topic nobody reads (issue 11, defect 5).
 */
public final class DataTopics {
    private final TopicNamingStrategy<TableId> strategy;

    private DataTopics(TopicNamingStrategy<TableId> strategy) {
        this.strategy = strategy;
    }

    /** The naming of the connector configured by {@code config} (it must hold {@code topic.prefix}). */
    @SuppressWarnings("unchecked")
    public static DataTopics of(Map<String, ?> config) {
        MySqlConnectorConfig connector = new MySqlConnectorConfig(Configuration.from(config));
        return new DataTopics(connector.getTopicNamingStrategy(MySqlConnectorConfig.TOPIC_NAMING_STRATEGY));
    }

    /** The data topic of {@code database.table}. */
    public String topic(String database, String table) {
        return strategy.dataChangeTopic(new TableId(database, null, table));
    }
}
