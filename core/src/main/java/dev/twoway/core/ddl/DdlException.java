package dev.twoway.core.ddl;

/** A statement twoway will not run, with the reason in words a user can act on. */
public class DdlException extends IllegalArgumentException {
    public DdlException(String message) {
        super(message);
    }
}
