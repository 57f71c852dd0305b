package dev.twoway.core.schema;

/**
 * A column as information_schema describes it.
 *
 * @param type the full column type, e.g. {@code varchar(64)} or {@code bigint unsigned}
 * @param defaultValue the default as information_schema gives it, null for none
 * @param generated whether MySQL computes it (a projection never writes such a column)
 * @param autoIncrement whether MySQL numbers it when a row omits it
 */
public record Column(String name, String type, boolean nullable, String defaultValue, boolean generated,
                     boolean autoIncrement) {
    /** A column MySQL does not number. */
    public Column(String name, String type, boolean nullable, String defaultValue, boolean generated) {
        this(name, type, nullable, defaultValue, generated, false);
    }
}
