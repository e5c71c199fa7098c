package dev.vodhook.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Prints a numbered step, runs it, and prints how it went: {@code [3/7] upload ..... ok  FileId 52858...}.
 * A failing step is reported by name and ends the run.
 */
final class DemoSteps {

    private static final int WIDTH = 46;
    private final PrintWriter out;
    private final int total;
    private int current;

    DemoSteps(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Runs one step; its result's text is printed after "ok". */
    <T> T run(String title, Callable<T> step, java.util.function.Function<T, String> summary) {
        current++;
        String label = "[" + current + "/" + total + "] " + title + " ";
        label = label + ".".repeat(Math.max(3, WIDTH - label.length())) + " ";
        long start = System.nanoTime();
        // the line is printed whole when the step ends, so log lines of the step never split it
        try {
            T result = step.call();
            out.printf("%sok  %s (%s)%n", label, summary.apply(result), seconds(System.nanoTime() - start));
            out.flush();
            return result;
        } catch (Exception e) {
            out.println(label + "FAILED");
            out.flush();
            throw new DemoFailure("step " + current + " (" + title + ") failed: " + e.getMessage(), e);
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }

    /** The demo failed at a named step. */
    static final class DemoFailure extends UserFacingException {
        DemoFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
