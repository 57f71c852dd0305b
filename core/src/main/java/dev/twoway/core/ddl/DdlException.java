package dev.twoway.core.ddl;

import java.util.List;

/** A statement twoway will not run, with every reason in words a user can act on. */
public class DdlException extends IllegalArgumentException {
    private final transient List<String> problems;

    public DdlException(String message) {
        this(List.of(message));
    }

    /** One exception for several refusals, so that a user sees them all at once. */
    public DdlException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each reason on its own, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
