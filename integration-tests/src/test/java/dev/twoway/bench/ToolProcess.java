package dev.twoway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An external migration tool run to its end, each output line stamped with the time it arrived:
 * the tools say when the copy ended and when they swapped, and they flush their output.
 */
final class ToolProcess {
    record Line(long millis, String text) {
    }

    private final long startMillis;
    private final long endMillis;
    private final List<Line> lines;

    private ToolProcess(long startMillis, long endMillis, List<Line> lines) {
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.lines = lines;
    }

    static ToolProcess run(List<String> command, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!password.isEmpty()) {
            builder.environment().put("MYSQL_PWD", password);
        }
        long start = System.currentTimeMillis();
        Process process = builder.start();
        List<Line> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = out.readLine(); text != null; text = out.readLine()) {
                lines.add(new Line(System.currentTimeMillis(), text));
            }
        }
        int exit = process.waitFor();
        ToolProcess result = new ToolProcess(start, System.currentTimeMillis(), lines);
        if (exit != 0) {
            throw new IOException(command.get(0) + " exited with " + exit + ":\n" + result.output());
        }
        return result;
    }

    long startMillis() {
        return startMillis;
    }

    long endMillis() {
        return endMillis;
    }

    /** When the first line containing {@code fragment} arrived. */
    long at(String fragment) {
        return lines.stream().filter(l -> l.text().contains(fragment)).mapToLong(Line::millis).findFirst()
                .orElseThrow(() -> new IllegalStateException("no line with '" + fragment + "' in:\n" + output()));
    }

    String output() {
        return lines.stream().map(Line::text).collect(Collectors.joining("\n"));
    }
}
