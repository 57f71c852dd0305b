package dev.twoway.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LiveIdsTest {
    @Test
    void picksOnlyLiveIdsAndTakesEachOnce() {
        LiveIds ids = new LiveIds();
        Set<Long> live = new HashSet<>(Set.of(3L, 7L, 8L, 1_000L, 9_999_999L));
        live.forEach(ids::add);
        ids.add(7L); // twice: still one
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertTrue(live.contains(ids.pick(random)));
        }
        Set<Long> taken = new HashSet<>();
        while (!ids.isEmpty()) {
            assertTrue(taken.add(ids.take(random)), "each id taken once");
        }
        assertEquals(live, taken);
    }
}
