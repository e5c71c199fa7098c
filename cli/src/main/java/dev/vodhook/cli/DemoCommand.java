package dev.vodhook.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vodhook demo}: the documented flow end to end on the local VOD. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the documented VOD flow end to end on this machine; exits 0 when every step passed.",
                "Local VOD and receiver on free ports, a generated test video, server upload, NewFileUpload ->"
                        + " ProcessMedia -> transcoding -> ProcedureStateChanged, and a check of every output."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--definitions", split = ",", defaultValue = "100010,100020",
            description = "transcoding templates to request (default ${DEFAULT-VALUE})")
    List<Integer> definitions;

    @Option(names = "--timeout", defaultValue = "120", description = "seconds to wait for each asynchronous step (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--keep", description = "once the demo passed, leave the local VOD and the receiver"
            + " running (its console open in a browser) until Ctrl-C, and keep the working directory (database, media)")
    boolean keep;

    @Option(names = "--verbose", description = "show every log line of the local VOD and the receiver")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            showOnlyOutputLines();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createTempDirectory("vodhook-demo-");
        DemoFlow.Options options = new DemoFlow.Options(work, List.copyOf(definitions), 1280, 720, 2.0,
                Duration.ofSeconds(timeoutSeconds));
        try {
            new DemoFlow(out, options).run(running -> {
                out.println("demo passed");
                out.println("Console:    " + running.consoleUrl() + "/   (this upload: " + running.mediaUrl() + ")");
                if (keep) {
                    out.println("The local VOD (" + running.vodUrl() + ") and the receiver keep running for you to look"
                            + " around; Ctrl-C stops them.");
                    out.flush();
                    Shutdown.awaitSignal();
                } else {
                    out.println("  it stops with the demo: ./vodhook demo --keep leaves it running until Ctrl-C, and"
                            + " ./vodhook up runs one to upload to");
                }
            });
            return 0;
        } catch (DemoSteps.DemoFailure e) {
            err.println("vodhook demo: " + e.getMessage());
            err.println("  the working directory is kept for inspection: " + work);
            keep = true;
            return 1;
        } finally {
            out.flush();
            if (keep) {
                out.println("working directory: " + work);
            } else {
                deleteTree(work);
            }
        }
    }

    /** Like the original demo, show the per-output lines of the receiver; everything else only if it goes wrong. */
    private static void showOnlyOutputLines() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger("dev.vodhook").setLevel(Level.WARN);
            logback.getLogger("dev.vodhook.service.handlers.RecordProcedureResults").setLevel(Level.INFO);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
