package dev.twoway.source;

/** The server variables the binlog must have for twoway, as read from {@code @@GLOBAL}. */
record BinlogSettings(String gtidMode, String binlogFormat, String binlogRowImage) {
}
