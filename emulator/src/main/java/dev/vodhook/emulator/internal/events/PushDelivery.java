package dev.vodhook.emulator.internal.events;

import dev.vodhook.emulator.Delivery;
import dev.vodhook.emulator.DeliveryAttempt;
import dev.vodhook.emulator.DeliveryJournal;
import dev.vodhook.emulator.Faults;
import dev.vodhook.emulator.PushRetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUSH sink: one delivery per event to the application's NotificationUrl, made of attempts that wait in a
 * {@link PushSchedule} until due by the {@link Clock}. The first attempt is due at once; anything but HTTP 200 (or a
 * timeout) schedules the next one on the {@link PushRetryPolicy}. {@link #runDue()} makes the due attempts and returns
 * when they are done (tests step with it); a {@link PushLoop} calls {@link #startDue()} in real runs. Every attempt
 * goes to the {@link DeliveryJournal}. Injected push faults are taken here, one per attempt; those that hold attempts
 * back are applied here: {@code delay} puts the attempt back into the schedule later by the clock, with the same
 * number (not counted as an attempt); {@code reorder} collects the next attempts and, once all are there, makes
 * them one after another, newest event first.
 */
public final class PushDelivery implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final DeliveryJournal journal;
    private final PushSchedule schedule;
    private final PushSender sender;
    private final PushRetryPolicy retry;
    private final Faults faults;
    private final Clock clock;
    private final ExecutorService executor;
    /** Guarded by itself; also makes taking a fault and joining a held batch one step. */
    private final HeldPushes held = new HeldPushes();
    /** The SignKey of each unfinished delivery that has one (kept for saving the state). */
    private final Map<Long, String> signKeys = new ConcurrentHashMap<>();

    public PushDelivery(DeliveryJournal journal, PushSchedule schedule, PushSender sender, PushRetryPolicy retry,
            Faults faults,
                 Clock clock, ExecutorService executor) {
        this.journal = journal;
        this.schedule = schedule;
        this.sender = sender;
        this.retry = retry;
        this.faults = faults;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public void accept(EmittedEvent event, EventConfig config) {
        if (!EventConfig.PUSH.equals(config.mode())) {
            log.debug("{} for SubAppId {} not pushed: the application is in {} mode", event.eventType(),
                    event.subAppId(), config.mode());
            return;
        }
        if (config.notificationUrl().isBlank()) {
            log.info("{} for SubAppId {} not pushed: no NotificationUrl is configured", event.eventType(),
                    event.subAppId());
            return;
        }
        Instant now = clock.instant();
        Delivery delivery = journal.open(event, config.notificationUrl(), now);
        config.signKey().ifPresent(key -> signKeys.put(delivery.id(), key));
        schedule.add(new DueAttempt(delivery, 1, now, config.signKey()));
    }

    /**
     * The unfinished deliveries, for saving: each with the SignKey its attempts use, and the reorder batch being
     * collected. The journal is the source: a {@code PENDING} delivery's next attempt is due at its
     * {@code nextAttemptAt}, or held when that is empty. Finished deliveries are not kept.
     */
    public record Snapshot(long lastDeliveryId, List<PendingPush> pending, Optional<HeldPushes.Batch> reorderBatch) {
    }

    /** An unfinished delivery and the SignKey of its attempts. */
    record PendingPush(Delivery delivery, Optional<String> signKey) {
    }

    public Snapshot snapshot() {
        Optional<HeldPushes.Batch> batch;
        synchronized (held) {
            batch = held.batch();
        }
        return new Snapshot(journal.lastId(), journal.pending().stream()
                .map(d -> new PendingPush(d, Optional.ofNullable(signKeys.get(d.id())))).toList(), batch);
    }

    /**
     * Replaces everything with saved deliveries: each one's next attempt is scheduled at its due time (at once if
     * that has passed, e.g. an attempt cut short by the shutdown), or held again in the reorder batch.
     */
    public void restore(Snapshot saved) {
        clear();
        journal.restore(saved.pending().stream().map(PendingPush::delivery).toList(), saved.lastDeliveryId());
        List<DueAttempt> heldAgain = new java.util.ArrayList<>();
        for (PendingPush p : saved.pending()) {
            Delivery d = p.delivery();
            p.signKey().ifPresent(key -> signKeys.put(d.id(), key));
            DueAttempt next = new DueAttempt(d, d.attempts().size() + 1, d.nextAttemptAt().orElse(d.createdAt()),
                    p.signKey());
            if (d.nextAttemptAt().isPresent() || saved.reorderBatch().isEmpty()) {
                schedule.add(next);
            } else {
                heldAgain.add(next);
            }
        }
        saved.reorderBatch().ifPresent(batch -> {
            synchronized (held) {
                held.restore(batch, heldAgain);
            }
        });
    }

    /** Makes every attempt due now, in parallel, and returns once all are recorded; how many there were. */
    public int runDue() {
        List<CompletableFuture<Void>> running = dispatchDue();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return running.size();
    }

    /** Starts every attempt due now without waiting for them; how many were started. */
    int startDue() {
        return dispatchDue().size();
    }

    /** Sends the attempts a {@code reorder} fault holds as ordinary ones, due now (when the faults are dropped). */
    public void releaseHeld() {
        List<DueAttempt> released;
        synchronized (held) {
            released = held.drain();
        }
        Instant now = clock.instant();
        for (DueAttempt due : released) {
            schedule.add(due.at(now));
            journal.reschedule(due.delivery().id(), Optional.of(now));
        }
    }

    @Override
    public void clear() {
        synchronized (held) {
            held.drain();
        }
        schedule.clear();
        journal.clear();
        signKeys.clear();
    }

    private List<CompletableFuture<Void>> dispatchDue() {
        return schedule.claimDue(clock.instant()).stream()
                .map(due -> CompletableFuture.runAsync(() -> attempt(due), executor)).toList();
    }

    private void attempt(DueAttempt due) {
        Optional<PushFault> fault;
        List<DueAttempt> batch = List.of();
        synchronized (held) {
            fault = held.collecting() ? Optional.empty() : faults.takePush();
            if (fault.filter(f -> f.kind() == PushFault.Kind.REORDER).isPresent()) {
                held.start(fault.get());
            }
            if (held.collecting()) {
                journal.reschedule(due.delivery().id(), Optional.empty());
                batch = held.add(due);
                if (batch.isEmpty()) {
                    log.info("Delivery {} ({}) held by an injected reorder fault", due.delivery().id(),
                            due.delivery().eventType());
                    return;
                }
            }
        }
        if (!batch.isEmpty()) {
            log.info("Deliveries {} released by an injected reorder fault, newest first",
                    batch.stream().map(a -> a.delivery().id()).toList());
            batch.forEach(a -> send(a, Optional.empty()));
        } else if (fault.filter(f -> f.kind() == PushFault.Kind.DELAY).isPresent()) {
            delay(due, fault.get());
        } else {
            send(due, fault);
        }
    }

    private void delay(DueAttempt due, PushFault fault) {
        Instant later = clock.instant().plus(fault.delay());
        if (journal.reschedule(due.delivery().id(), Optional.of(later))) {
            schedule.add(due.shapedBy(fault.label()).at(later));
            log.info("Delivery {} ({}) attempt {} delayed by an injected fault until {}", due.delivery().id(),
                    due.delivery().eventType(), due.number(), later);
        }
    }

    private void send(DueAttempt due, Optional<PushFault> fault) {
        Delivery delivery = due.delivery();
        DeliveryAttempt outcome = sender.send(due, fault);
        if (!outcome.succeeded() && executor.isShutdown()) {
            log.info("Delivery {} ({}) attempt {} cut short by the shutdown; not recorded, still due", delivery.id(),
                    delivery.eventType(), due.number());
            return;
        }
        if (!outcome.succeeded() && due.number() < retry.maxAttempts()
                && outcome.fault().filter(PushFault.Kind.VANISH.label::equals).isEmpty()) {
            retryLater(due, outcome);
            return;
        }
        signKeys.remove(delivery.id());
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
        journal.record(delivery.id(), outcome, Delivery.FAILED, Optional.empty());
        log.warn("Delivery {} ({}) to {} failed {} times ({}); giving up", delivery.id(), delivery.eventType(),
                delivery.url(), due.number(), outcome.error().orElse(""));
    }

    private void retryLater(DueAttempt due, DeliveryAttempt outcome) {
        Delivery delivery = due.delivery();
        Instant next = clock.instant().plus(retry.delayBefore(due.number() + 1));
        if (journal.record(delivery.id(), outcome, Delivery.PENDING, Optional.of(next))) {
            schedule.add(due.next(next));
            log.info("Delivery {} ({}) to {} failed on attempt {} ({}); will retry at {}", delivery.id(),
                    delivery.eventType(), delivery.url(), due.number(), outcome.error().orElse(""), next);
        }
    }
}
