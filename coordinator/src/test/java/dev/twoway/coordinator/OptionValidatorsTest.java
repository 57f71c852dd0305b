package dev.twoway.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class OptionValidatorsTest {

    private static MigrationConfig config(String forceAfter) {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "127.0.0.1");
        props.put("database.user", "u");
        props.put("migration.ddl", "ALTER TABLE shop.t ADD COLUMN c INT");
        if (forceAfter != null) {
            props.put(MigrationConfig.FORCE_AFTER_MS, forceAfter);
        }
        return new MigrationConfig(props);
    }

    @Test
    void aForcedCutoverIsOffUnlessAWaitIsGiven() {
        assertEquals(0, config(null).cutover().forceAfterMs());
        assertEquals(false, config("0").cutover().forces());
        assertEquals(2_000, config("2000").cutover().forceAfterMs());
        assertEquals(604_800_000L, config("604800000").cutover().forceAfterMs());
    }

    @Test
    void aNegativeOrTooLongWaitIsRefusedWithWhatIsAccepted() {
        for (String bad : new String[] {"-1", "604800001"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> config(bad));
            assertEquals("Invalid value " + bad + " for configuration migration.cutover.force.after.ms: must be 0 "
                    + "(never kill a cut-over's blockers) or the milliseconds a cut-over stays blocked before its "
                    + "blockers are killed, at most 604800000 (a week)", e.getMessage());
        }
        assertThrows(ConfigException.class, () -> config("2s"), "not a number of milliseconds");
    }
}
