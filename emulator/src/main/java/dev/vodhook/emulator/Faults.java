package dev.vodhook.emulator;

import dev.vodhook.emulator.internal.api.ApiFault;
import dev.vodhook.emulator.internal.events.PushFault;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Faults to inject, each used up by the call or push attempt it hits: the next N calls of an API action fail with
 * an error code or are delayed; the next N push attempts fail with a status, time out, arrive twice, vanish, are
 * held back (arrive late) or arrive out of order. Also reachable as {@code /_emulator/faults}.
 *
 * <p>{@code whenCleared}, {@code pending}, {@code holdUnlessCleared}, {@code takeApi} and {@code takePush} are the
 * local VOD's own: its API dispatcher, push delivery and routes, in other packages, use up the faults with them.
 */
public final class Faults {

    private final Map<String, Deque<ApiFault>> api = new LinkedHashMap<>();
    private final Deque<PushFault> push = new ArrayDeque<>();
    private final List<Runnable> whenCleared = new CopyOnWriteArrayList<>();
    private CountDownLatch cleared = new CountDownLatch(1);

    /** The next {@code count} calls of {@code action} answer {@code errorCode} (after authentication succeeds). */
    public synchronized void failNextCalls(String action, String errorCode, int count) {
        requirePositive(count);
        if (action == null || action.isBlank() || errorCode == null || errorCode.isBlank()) {
            throw new IllegalArgumentException("an action and an error code are required");
        }
        addApi(ApiFault.failing(action, errorCode), count);
    }

    /**
     * The next {@code count} calls of {@code action} wait {@code delay} (real time, after authentication), or until
     * {@link #clear()}, and then run as usual: a slow or hanging VOD. A client whose timeout is shorter gives up, yet
     * the call takes effect. A long delay ended by {@code clear()} holds calls for exactly as long as a test needs,
     * whatever the machine's speed.
     */
    public synchronized void delayNextCalls(String action, Duration delay, int count) {
        requirePositive(count);
        if (action == null || action.isBlank() || delay == null || !delay.isPositive()) {
            throw new IllegalArgumentException("an action and a positive delay are required");
        }
        addApi(ApiFault.delaying(action, delay), count);
    }

    /** The next {@code count} push attempts are not sent and count as answered with {@code status}. */
    public void failNextPushes(int status, int count) {
        if (status < 100 || status > 599 || status == 200) {
            throw new IllegalArgumentException("status must be an HTTP status other than 200, was " + status);
        }
        addPush(new PushFault(PushFault.Kind.FAIL, status), count);
    }

    /** The next {@code count} push attempts are sent, but their answers ignored: timed out, so retried. */
    public void timeOutNextPushes(int count) {
        addPush(new PushFault(PushFault.Kind.TIMEOUT, 0), count);
    }

    /** The next {@code count} push attempts arrive twice. */
    public void duplicateNextPushes(int count) {
        addPush(new PushFault(PushFault.Kind.DUPLICATE, 0), count);
    }

    /** The next {@code count} pushes vanish: never sent, never retried, the delivery ends {@code LOST}. */
    public void dropNextPushes(int count) {
        addPush(new PushFault(PushFault.Kind.VANISH, 0), count);
    }

    /**
     * The next {@code count} push attempts are held back: made {@code delay} later by the configured clock, not
     * counted as attempts. They arrive late, and events published after them overtake them, so the receiver gets
     * events out of order.
     */
    public void delayNextPushes(Duration delay, int count) {
        if (delay == null || !delay.isPositive()) {
            throw new IllegalArgumentException("the delay must be positive, was " + delay);
        }
        addPush(PushFault.delay(delay), count);
    }

    /**
     * The next {@code count} pushes are held until all {@code count} are there, then sent one after another in the
     * reverse of the order their events were published. Dropping the faults ({@link #clear()}) sends those held so
     * far as ordinary pushes.
     */
    public void reorderNextPushes(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("reordering needs at least 2 pushes, was " + count);
        }
        addPush(new PushFault(PushFault.Kind.REORDER, count), 1);
    }

    /** Forgets every pending fault, lets delayed calls run now, and releases pushes held by a reorder fault. */
    public void clear() {
        synchronized (this) {
            api.clear();
            push.clear();
            cleared.countDown();
            cleared = new CountDownLatch(1);
        }
        whenCleared.forEach(Runnable::run);
    }

    /** Runs {@code action} after every {@link #clear()}. */
    public void whenCleared(Runnable action) {
        whenCleared.add(action);
    }

    /** What is still pending, for {@code GET /_emulator/faults}. */
    public synchronized Pending pending() {
        List<Pending.Api> calls = new ArrayList<>();
        api.forEach((action, queue) -> {
            if (!queue.isEmpty()) {
                calls.add(new Pending.Api(action, queue.stream().map(ApiFault::label).toList()));
            }
        });
        return new Pending(calls, push.stream().map(PushFault::label).toList());
    }

    /** Waits {@code delay}, or less if {@link #clear()} is called meanwhile (a delayed call's wait). */
    public void holdUnlessCleared(Duration delay) throws InterruptedException {
        CountDownLatch release;
        synchronized (this) {
            release = cleared;
        }
        release.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public synchronized Optional<ApiFault> takeApi(String action) {
        Deque<ApiFault> queue = api.get(action);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }

    public synchronized Optional<PushFault> takePush() {
        return Optional.ofNullable(push.poll());
    }

    private synchronized void addApi(ApiFault fault, int count) {
        Deque<ApiFault> queue = api.computeIfAbsent(fault.action(), k -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(fault);
        }
    }

    private synchronized void addPush(PushFault fault, int count) {
        requirePositive(count);
        for (int i = 0; i < count; i++) {
            push.add(fault);
        }
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    /**
     * Pending faults: per action what its next calls get (an error code, or {@code delay N ms}), then push faults,
     * in the order they hit.
     */
    record Pending(List<Api> api, List<String> push) {

        record Api(String action, List<String> errorCodes) {
        }
    }
}
