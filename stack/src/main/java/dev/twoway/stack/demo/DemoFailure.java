package dev.twoway.stack.demo;

/** Why the demo stops: said once, in words, with the exit status it ends with. */
final class DemoFailure extends RuntimeException {
    private final int exitCode;

    DemoFailure(String reason) {
        this(reason, 1);
    }

    DemoFailure(String reason, int exitCode) {
        super(reason);
        this.exitCode = exitCode;
    }

    DemoFailure(String reason, Throwable cause) {
        super(reason + ": " + cause.getMessage(), cause);
        this.exitCode = 1;
    }

    int exitCode() {
        return exitCode;
    }
}
