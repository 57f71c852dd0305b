package dev.twoway.stack.demo;

import java.io.IOException;

import dev.twoway.stack.Stack;

/**
 * {@link Stack} as the demo's child: the same process, plus one rule: when its standard input
 * ends (the demo closed it, or the demo died), it exits, and Stack's shutdown hook stops Connect
 * and Kafka. So a demo killed without its cleanup still leaves no stack behind.
 */
public final class StackChild {
    private StackChild() {
    }

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(StackChild::exitAtEndOfInput, "twoway-demo-parent-watch");
        watch.setDaemon(true);
        watch.start();
        Stack.main(args);
    }

    private static void exitAtEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // the demo writes nothing; wait for the end
            }
        }
        catch (IOException ignored) {
            // a broken pipe is an end too
        }
        System.exit(0);
    }
}
