package dev.vodhook.emulator.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FfmpegSlotsTest {

    private final FfmpegSlots slots = new FfmpegSlots(1);
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void waitingJobsGoFirstByPriorityThenByArrival() throws Exception {
        slots.acquire(0);
        Thread low = queue("low", -5, 1);
        Thread early = queue("early", 3, 2);
        Thread high = queue("high", 10, 3);
        Thread late = queue("late", 3, 4);

        slots.release();

        for (Thread t : List.of(low, early, high, late)) {
            assertThat(t.join(Duration.ofSeconds(60))).as("%s got its slot", t).isTrue();
        }
        assertThat(order).containsExactly("high", "early", "late", "low");
    }

    @Test
    void anInterruptedWaiterLeavesTheQueue() throws Exception {
        slots.acquire(0);
        Thread gone = Thread.ofVirtual().start(() -> {
            try {
                slots.acquire(10);
            } catch (InterruptedException e) {
                order.add("interrupted");
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> slots.waiting() == 1);
        gone.interrupt();
        assertThat(gone.join(Duration.ofSeconds(60))).isTrue();
        Thread next = queue("next", 0, 1);

        slots.release();

        assertThat(next.join(Duration.ofSeconds(60))).isTrue();
        assertThat(order).containsExactly("interrupted", "next");
    }

    /** Starts a job that takes a slot, records its name and gives the slot back; returns once it waits. */
    private Thread queue(String name, int priority, int waitersAfter) {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                slots.acquire(priority);
                order.add(name);
                slots.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> slots.waiting() == waitersAfter);
        return t;
    }
}
