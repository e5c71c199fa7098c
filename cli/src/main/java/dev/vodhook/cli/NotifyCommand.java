package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.service.notify.NotificationSamples;
import dev.vodhook.service.notify.WebhookSender;
import dev.vodhook.signing.WebhookSignature;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vodhook notify test URL}: a signed sample of each notification type, for the application's developer. */
@Command(name = "notify", mixinStandardHelpOptions = true, subcommands = NotifyCommand.Test.class,
        description = "vodhook's notifications to the application (see docs/notifications.md).")
public final class NotifyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"POSTs a signed sample of each notification type to URL and prints what it answered.",
                    "The types are media.uploaded, .created, .processing, .ready, .failed and .deleted, signed as"
                            + " vodhook sends them.",
                    "Without --secret a new one is made and printed: configure your verifier with it.",
                    "Exit 0 when every sample got a 2xx."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "the application's endpoint")
        String url;

        @Option(names = "--secret", paramLabel = "WHSEC", description = "the endpoint's secret, whsec_... (or env VODHOOK_NOTIFY_SECRET)")
        String secret;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15", description = "per request (default ${DEFAULT-VALUE})")
        int timeout;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String s = secret != null ? secret : System.getenv("VODHOOK_NOTIFY_SECRET");
            if (s == null || s.isBlank()) {
                s = WebhookSignature.newSecret(new SecureRandomGenerator());
                out.println("secret (new): " + s);
            }
            byte[] key;
            URI target;
            try {
                key = WebhookSignature.key(s);
                target = URI.create(url.strip());
                if (target.getHost() == null) {
                    throw new IllegalArgumentException("no host in " + url);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
            WebhookSender sender = new WebhookSender(Duration.ofSeconds(timeout));
            int failed = 0;
            for (NotificationSamples.Sample sample : NotificationSamples.all(Instant.now())) {
                long ts = Instant.now().getEpochSecond();
                byte[] body = sample.body().getBytes(StandardCharsets.UTF_8);
                WebhookSender.Answer a = sender.send(target, sample.id(), ts,
                        WebhookSignature.header(List.of(key), sample.id(), ts, body), body);
                if (!a.delivered()) {
                    failed++;
                }
                String answer = a.answer().replaceAll("\\s+", " ");
                out.printf("%-17s %-4s %5d ms  %s%n", sample.type().wireName(),
                        a.status().isPresent() ? String.valueOf(a.status().getAsInt()) : "-", a.nanos() / 1_000_000,
                        answer.length() > 80 ? answer.substring(0, 79) + "…" : answer);
            }
            out.println(failed == 0 ? "every sample was accepted (2xx)" : failed + " sample(s) not accepted");
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@link SecureRandom} as a {@link RandomGenerator}, for making secrets. */
    static final class SecureRandomGenerator implements RandomGenerator {
        private final SecureRandom random = new SecureRandom();

        @Override
        public long nextLong() {
            return random.nextLong();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            random.nextBytes(bytes);
        }
    }
}
