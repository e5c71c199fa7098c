package dev.vodhook.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUSH sink: one delivery per event to the application's NotificationUrl, made of attempts that wait in a
 * {@link PushSchedule} until due by the {@link Clock}. The first attempt is due at once; anything but HTTP 200 (or a
 * timeout) schedules the next one on the {@link RetryPolicy}. {@link #runDue()} makes the due attempts and returns
 * when they are done (tests step with it); a {@link PushLoop} calls {@link #startDue()} in real runs. Every attempt
 * goes to the {@link DeliveryJournal}. Injected push faults are taken here, one per attempt; a held-back attempt
 * ({@link PushFault.Kind#DELAY}) goes back into the schedule, later, with the same number.
 */
final class PushDelivery implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final DeliveryJournal journal;
    private final PushSchedule schedule;
    private final PushSender sender;
    private final Faults faults;
    private final RetryPolicy retry;
    private final Clock clock;
    private final ExecutorService executor;

    PushDelivery(DeliveryJournal journal, PushSchedule schedule, PushSender sender, Faults faults, RetryPolicy retry,
                 Clock clock, ExecutorService executor) {
        this.journal = journal;
        this.schedule = schedule;
        this.sender = sender;
        this.faults = faults;
        this.retry = retry;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public void accept(VodEvent event, EventConfig config) {
        if (!EventConfig.PUSH.equals(config.mode())) {
            log.debug("{} for SubAppId {} not pushed: the application is in {} mode", event.eventType(),
                    event.subAppId(), config.mode());
            return;
        }
        if (config.notificationUrl().isBlank()) {
            log.info("{} for SubAppId {} not pushed: no NotificationUrl is configured", event.eventType(), event.subAppId());
            return;
        }
        Instant now = clock.instant();
        Delivery delivery = journal.open(event, config.notificationUrl(), now);
        schedule.add(new DueAttempt(delivery, 1, now, config.signKey()));
    }

    /** Makes every attempt due now, in parallel, and returns once all are recorded; how many there were. */
    int runDue() {
        List<CompletableFuture<Void>> running = dispatchDue();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return running.size();
    }

    /** Starts every attempt due now without waiting for them; how many were started. */
    int startDue() {
        return dispatchDue().size();
    }

    @Override
    public void clear() {
        schedule.clear();
        journal.clear();
    }

    private List<CompletableFuture<Void>> dispatchDue() {
        return schedule.claimDue(clock.instant()).stream()
                .map(due -> CompletableFuture.runAsync(() -> attempt(due), executor)).toList();
    }

    private void attempt(DueAttempt due) {
        Delivery delivery = due.delivery();
        Optional<PushFault> fault = faults.takePush();
        if (fault.isPresent() && fault.get().kind() == PushFault.Kind.DELAY) {
            Instant later = clock.instant().plus(fault.get().delay());
            if (journal.postpone(delivery.id(), later)) {
                schedule.add(due.postponed(later));
                log.info("Delivery {} ({}) attempt {} held back by an injected fault until {}", delivery.id(),
                        delivery.eventType(), due.number(), later);
            }
            return;
        }
        DeliveryAttempt outcome = sender.send(due, fault);
        if (outcome.succeeded()) {
            journal.record(delivery.id(), outcome, Delivery.DELIVERED, Optional.empty());
            log.debug("Delivery {} ({}) pushed to {} on attempt {}", delivery.id(), delivery.eventType(),
                    delivery.url(), due.number());
            return;
        }
        if (outcome.fault().filter(PushFault.Kind.VANISH.label::equals).isPresent()) {
            journal.record(delivery.id(), outcome, Delivery.LOST, Optional.empty());
            log.info("Delivery {} ({}) to {} vanished by an injected fault; it will not be retried", delivery.id(),
                    delivery.eventType(), delivery.url());
            return;
        }
        if (due.number() >= retry.maxAttempts()) {
            journal.record(delivery.id(), outcome, Delivery.FAILED, Optional.empty());
            log.warn("Delivery {} ({}) to {} failed {} times ({}); giving up", delivery.id(), delivery.eventType(),
                    delivery.url(), due.number(), outcome.error().orElse(""));
            return;
        }
        Instant next = clock.instant().plus(retry.delayBefore(due.number() + 1));
        if (journal.record(delivery.id(), outcome, Delivery.PENDING, Optional.of(next))) {
            schedule.add(due.next(next));
            log.info("Delivery {} ({}) to {} failed on attempt {} ({}); will retry at {}", delivery.id(),
                    delivery.eventType(), delivery.url(), due.number(), outcome.error().orElse(""), next);
        }
    }
}
