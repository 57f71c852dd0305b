package dev.twoway.smt;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Copies the GTID of the transaction that made a change ({@code source.gtid} of the Debezium
 * envelope) into the header {@value #HEADER}. The sink stores it with its progress, and the
 * coordinator compares it with the GTID set read at the cut-over lock, so the header must be
 * cheap to read without deserialising the value.
 *
 * <p>Records without a GTID (heartbeats, tombstones, snapshot reads) pass unchanged. Applying
 * the transformation twice leaves exactly one header: an existing one is replaced.
 */
public class GtidHeader<R extends ConnectRecord<R>> implements Transformation<R> {
    /** Header carrying the transaction's GTID, e.g. {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:23}. */
    public static final String HEADER = "twoway.gtid";

    private static final ConfigDef CONFIG_DEF = new ConfigDef();

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public R apply(R record) {
        String gtid = Envelope.sourceField(record, "gtid");
        if (gtid == null) {
            return record;
        }
        Headers headers = record.headers().duplicate().remove(HEADER).addString(HEADER, gtid);
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.timestamp(), headers);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        // nothing held
    }
}
