package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeyIndependenceTest {
    private static final List<String> KEY = List.of("id");

    @Test
    void anIntegerPrimaryKeyAloneIsIndependent() {
        assertTrue(KeyIndependence.holds(facts(Map.of("PRIMARY", List.of("id"))), KEY, false));
        assertTrue(KeyIndependence.holds(facts(Map.of("PRIMARY", List.of("ID"))), List.of("Id"), false));
    }

    @Test
    void aSecondUniqueKeyLetsTwoRowsMeet() {
        Map<String, List<String>> unique = new LinkedHashMap<>();
        unique.put("PRIMARY", List.of("id"));
        unique.put("name_uq", List.of("name"));
        assertFalse(KeyIndependence.holds(facts(unique), KEY, false));
    }

    @Test
    void aFunctionalUniqueKeyPartIsNotTrusted() {
        assertFalse(KeyIndependence.holds(facts(Map.of("PRIMARY", Arrays.asList("id", null))), KEY, false));
    }

    @Test
    void aKeyThatIsNotTheUniqueIndexIsNotIndependent() {
        assertFalse(KeyIndependence.holds(facts(Map.of("PRIMARY", List.of("id", "k"))), KEY, false));
        assertFalse(KeyIndependence.holds(facts(Map.of()), KEY, false));
    }

    @Test
    void aStringOrDecimalKeyMayCompareEqualWhereJavaSeesTwo() {
        TableFacts text = new TableFacts(Map.of("PRIMARY", List.of("name")), Map.of("id", "bigint", "name", "varchar"),
                List.of(), 0, 0);
        assertFalse(KeyIndependence.holds(text, List.of("name"), false));
        TableFacts decimal = new TableFacts(Map.of("PRIMARY", List.of("id")), Map.of("id", "decimal"), List.of(), 0, 0);
        assertFalse(KeyIndependence.holds(decimal, KEY, false));
    }

    @Test
    void aConvertedKeyMayNarrowTwoValuesIntoOne() {
        assertFalse(KeyIndependence.holds(facts(Map.of("PRIMARY", List.of("id"))), KEY, true));
    }

    @Test
    void foreignKeysTriggersAndAnAutoIncrementBesideTheKeySeeTheOrder() {
        Map<String, List<String>> pk = Map.of("PRIMARY", List.of("id"));
        Map<String, String> types = Map.of("id", "bigint", "seq", "int");
        assertFalse(KeyIndependence.holds(new TableFacts(pk, types, List.of(), 1, 0), KEY, false));
        assertFalse(KeyIndependence.holds(new TableFacts(pk, types, List.of(), 0, 1), KEY, false));
        assertFalse(KeyIndependence.holds(new TableFacts(pk, types, List.of("seq"), 0, 0), KEY, false));
        assertTrue(KeyIndependence.holds(new TableFacts(pk, types, List.of("id"), 0, 0), KEY, false));
    }

    private static TableFacts facts(Map<String, List<String>> unique) {
        return new TableFacts(unique, Map.of("id", "bigint", "k", "int", "name", "varchar"), List.of("id"), 0, 0);
    }
}
