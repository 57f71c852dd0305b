package dev.twoway.bench;

/** One way to run {@code ALTER TABLE … DROP COLUMN title} on a fresh copy of the table. */
interface Tool {
    String DDL = "DROP COLUMN title";

    String name();

    /** The prefix of the tables it migrates (twoway's source captures only {@code tw_…}). */
    String tablePrefix();

    /** Whether it runs under {@code condition} (all tools run under every condition but a few variants). */
    default boolean runs(Condition condition) {
        return true;
    }

    /** Called before the writer starts on {@code table}: whatever must be idle or settled before the clock starts. */
    default void prepare(String table) throws Exception {
    }

    /**
     * Migrates {@code table} (the writer, if any, is running) and records what it measured; returns
     * what drops whatever it left besides the table, run once the writer has stopped.
     */
    Undo migrate(String table, Load load, Sample sample) throws Exception;

    interface Undo {
        Undo NOTHING = () -> { };

        void run() throws Exception;
    }
}
