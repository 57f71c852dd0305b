package dev.twoway.core.schema;

/**
 * A column as information_schema describes it.
 *
 * @param type the full column type, e.g. {@code varchar(64)} or {@code bigint unsigned}
 * @param defaultValue the default as information_schema gives it, null for none
 * @param generated whether MySQL computes it (a projection never writes such a column)
 */
public record Column(String name, String type, boolean nullable, String defaultValue, boolean generated) {
}
