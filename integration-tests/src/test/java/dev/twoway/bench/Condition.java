package dev.twoway.bench;

import java.util.List;

/** Idle, or under a writer of {@code rate} mixed statements per second on the migrated table. */
record Condition(String name, int rate) {
    static List<Condition> both(int rate) {
        return List.of(new Condition("idle", 0), new Condition("load", rate));
    }

    boolean idle() {
        return rate == 0;
    }

    String describe() {
        return idle() ? "idle" : String.format("%,d writes/s", rate);
    }
}
