package dev.vodhook.service.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.testkit.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {
    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final Logger logger = (Logger) LoggerFactory.getLogger("dev.vodhook.test.RefusalLogTest");
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    RefusalLog log;

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
        logger.setAdditive(false); // ten thousand lines need not reach the console
        log = new RefusalLog(logger, clock, Duration.ofMinutes(1));
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
        logger.setAdditive(true);
    }

    @Test
    void eachSourceAndReasonIsLoggedOnceAMinute() {
        assertThat(log.refused("203.0.113.7", "SignatureMismatch", "wrong")).isTrue();
        assertThat(log.refused("203.0.113.7", "SignatureMismatch", "wrong")).isFalse();
        clock.tick(Duration.ofSeconds(59));
        assertThat(log.refused("203.0.113.7", "SignatureMismatch", "wrong")).isFalse();
        assertThat(log.refused("203.0.113.7", "SignatureExpired", "old")).as("another reason").isTrue();
        assertThat(log.refused("198.51.100.2", "SignatureMismatch", "wrong")).as("another source").isTrue();
        clock.tick(Duration.ofSeconds(1));
        assertThat(log.refused("203.0.113.7", "SignatureMismatch", "wrong")).as("a minute later").isTrue();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Refused a callback from 203.0.113.7: SignatureMismatch (wrong); more of these from 203.0.113.7 in"
                        + " the next 60 s are only counted (vodhook_events_rejected_total)",
                "Refused a callback from 203.0.113.7: SignatureExpired (old); more of these from 203.0.113.7 in"
                        + " the next 60 s are only counted (vodhook_events_rejected_total)",
                "Refused a callback from 198.51.100.2: SignatureMismatch (wrong); more of these from 198.51.100.2 in"
                        + " the next 60 s are only counted (vodhook_events_rejected_total)",
                "Refused a callback from 203.0.113.7: SignatureMismatch (wrong); more of these from 203.0.113.7 in"
                        + " the next 60 s are only counted (vodhook_events_rejected_total); 2 more came since the"
                        + " last such line");
    }

    @Test
    void manySourcesDoNotGrowItsMemoryBeyondTheBound() {
        for (int i = 0; i < RefusalLog.MAX_SOURCES + 5; i++) {
            log.refused("10.0." + (i / 256) + "." + (i % 256), "MalformedEvent", "x");
        }
        assertThat(lines.list).hasSize(RefusalLog.MAX_SOURCES + 5);
        assertThat(log.refused("10.0.0.0", "MalformedEvent", "x")).as("forgotten when the bound was reached").isTrue();
    }
}
