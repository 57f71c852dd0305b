package dev.twoway.sink;

import dev.twoway.core.projection.Projection;

/** The table a route writes to and the projection that shapes its rows. */
public record Target(Route route, String schema, String table, Projection projection) {
}
