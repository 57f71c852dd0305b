package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void keyValuesSurviveTheirJsonForm() {
        List<Object> key = Arrays.asList(42L, "a'b", new BigDecimal("1.10"), new BigInteger("18446744073709551615"));
        String json = KeyValues.toJson(key);
        assertEquals("[42,\"a'b\",1.10,18446744073709551615]", json);
        assertEquals(key, KeyValues.fromJson(json));
    }

    @Test
    void binaryKeysAreKeptAsBase64() {
        byte[] bytes = {0, (byte) 0xff, 7};
        List<Object> read = KeyValues.fromJson(KeyValues.toJson(List.of(bytes)));
        assertArrayEquals(bytes, (byte[]) read.get(0));
    }

    @Test
    void nothingCopiedYetIsNull() {
        assertNull(KeyValues.fromJson(null));
        assertNull(KeyValues.fromJson(" "));
    }

    @Test
    void stageSaysCountsRateAndEta() {
        CopyRate rate = new CopyRate();
        assertEquals("copying 0 of 100,000 rows", rate.stage(0, 100_000));
        rate.observe(12_000, 1_000_000_000L);
        assertEquals("copying 40,000 of 100,000 rows (12,000 rows/s, ETA 5 s)", rate.stage(40_000, 100_000));
    }
}
