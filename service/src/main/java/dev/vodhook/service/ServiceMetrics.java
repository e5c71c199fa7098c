package dev.vodhook.service;

import dev.vodhook.service.http.ConcurrencyLimit;
import dev.vodhook.store.inbox.EventStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiver's Prometheus meters. Event types from the outside become tags only if they are
 * VOD's known types (anything else is {@code other}), so a sender cannot blow up the series count.
 */
public final class ServiceMetrics {
    /** vod-protocol.md §3.4. */
    private static final Set<String> KNOWN_TYPES = Set.of("NewFileUpload", "ProcedureStateChanged", "FileDeleted",
            "PullComplete", "EditMediaComplete", "SplitMediaComplete", "ComposeMediaComplete", "WechatPublishComplete",
            "WechatMiniProgramPublishComplete", "RemoveWatermark", "RestoreMediaComplete",
            "ExtractTraceWatermarkComplete", "ReviewAudioVideoComplete", "ReduceMediaBitrateComplete",
            "DescribeFileAttributesComplete", "FastClipMediaComplete", "TranscodeComplete", "ConcatComplete",
            "ClipComplete", "CreateImageSpriteComplete", "CreateSnapshotByTimeOffsetComplete", "PersistenceComplete");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<EventStatus, AtomicLong> inbox = new EnumMap<>(EventStatus.class);
    private final java.util.List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Intake counters by type and source, looked up once: they count every event. */
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    /** Handler meters by type (and outcome), looked up once: they count every event handled. */
    private final Map<String, Counter> processed = new ConcurrentHashMap<>();
    private final Map<String, Timer> handlerDurations = new ConcurrentHashMap<>();
    private final DistributionSummary commitBatch = DistributionSummary.builder("vodhook.intake.commit.batch")
            .description("Events per group commit").publishPercentiles(0.5, 0.99).register(registry);
    private final DistributionSummary claimSize = DistributionSummary.builder("vodhook.processing.claim.events")
            .description("Events per claim the processor took (claims that found nothing are not counted)")
            .publishPercentiles(0.5, 0.99).register(registry);
    private final Timer commitDuration = Timer.builder("vodhook.intake.commit.duration")
            .description("Time of one group commit").publishPercentiles(0.5, 0.99).register(registry);

    public ServiceMetrics() {
        for (EventStatus status : EventStatus.values()) {
            AtomicLong value = new AtomicLong();
            inbox.put(status, value);
            Gauge.builder("vodhook.inbox.events", value, AtomicLong::get)
                    .description("Events in the inbox by status, as of the last scrape")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    public void received(String type, String source) {
        received.computeIfAbsent(typeTag(type) + "\n" + source, k -> Counter.builder("vodhook.events.received")
                .description("Events received and stored")
                .tag("type", typeTag(type)).tag("source", source).register(registry)).increment();
    }

    public void duplicate(String type, String source) {
        duplicates.computeIfAbsent(typeTag(type) + "\n" + source, k -> Counter.builder("vodhook.events.duplicates")
                .description("Events received again and not stored")
                .tag("type", typeTag(type)).tag("source", source).register(registry)).increment();
    }

    public void rejected(String reason) {
        Counter.builder("vodhook.events.rejected").description("Callbacks refused (malformed, too_large, forbidden,"
                        + " signature_missing, signature_mismatch, signature_expired, overloaded)")
                .tag("reason", reason).register(registry).increment();
    }

    /** Requests the public listener has in hand right now (see {@link ConcurrencyLimit}). */
    public void callbacksInFlight(AtomicInteger value) {
        Gauge.builder("vodhook.http.public.inflight", value, AtomicInteger::get)
                .description("Requests the public listener is handling now").register(registry);
    }

    /** @param outcome {@code done}, {@code retry} or {@code dead} */
    public void handled(String type, String outcome, long nanos) {
        String tag = typeTag(type);
        processed.computeIfAbsent(tag + "\n" + outcome, k -> Counter.builder("vodhook.events.processed")
                .description("Handler runs by outcome")
                .tag("type", tag).tag("outcome", outcome).register(registry)).increment();
        handlerDurations.computeIfAbsent(tag, k -> Timer.builder("vodhook.handler.duration")
                .description("Handler run time")
                .tag("type", tag).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param outcome {@code started}, {@code already_submitted}, {@code retryable_error} or {@code permanent_error} */
    public void processMedia(String outcome) {
        Counter.builder("vodhook.vod.processmedia").description("ProcessMedia calls by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** One claim of the processor that took {@code events} (at least one). */
    public void claimed(int events) {
        claimSize.record(events);
    }

    /** One group commit of {@code events} events that took {@code nanos}. */
    public void groupCommit(int events, long nanos) {
        commitBatch.record(events);
        commitDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param outcome {@code pulled}, {@code confirmed} or {@code unconfirmed} */
    public void pulled(String outcome, int events) {
        if (events > 0) {
            Counter.builder("vodhook.pull.events").description("Events taken by PullEvents, by what became of them")
                    .tag("outcome", outcome).register(registry).increment(events);
        }
    }

    public void pullFailed(String code) {
        Counter.builder("vodhook.pull.errors").description("PullEvents calls that failed, by VOD error code")
                .tag("code", code.length() > 64 ? "other" : code).register(registry).increment();
    }

    public void pruned(int events) {
        Counter.builder("vodhook.inbox.pruned").description("DONE events deleted after the dedupe retention")
                .register(registry).increment(events);
    }

    /** @param outcome as for {@link #processMedia} */
    public void processMediaByProcedure(String outcome) {
        Counter.builder("vodhook.vod.processmediabyprocedure").description("ProcessMediaByProcedure calls by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** @param outcome {@code found}, {@code not_found}, {@code retryable_error} or {@code permanent_error} */
    public void describeMediaInfos(String outcome) {
        Counter.builder("vodhook.vod.describemediainfos")
                .description("DescribeMediaInfos calls verifying uploads, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /**
     * @param outcome {@code recorded} (the answer went to the inbox), {@code already_received} (the event had come
     *                meanwhile), {@code still_running}, {@code given_up} (too old to ask) or {@code error}
     */
    public void reconciled(String outcome) {
        Counter.builder("vodhook.reconciler.checks").description("Quiet tasks the reconciler looked at, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void reconcilerRun() {
        Counter.builder("vodhook.reconciler.runs").description("Reconciler passes over quiet tasks")
                .register(registry).increment();
    }

    /** Prometheus text exposition, after refreshing the inbox gauges and running the other scrape hooks. */
    public String scrape(Map<EventStatus, Long> inboxCounts) {
        inboxCounts.forEach((status, count) -> inbox.get(status).set(count));
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Where other parts (the deliverer) register their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Runs before every scrape: a part refreshes its gauges. */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /**
     * What one counter has counted since this process started, summed by the value of one of its tags (counters
     * without that tag under ""); empty when nothing was counted yet. The console's overview reads it.
     */
    public Map<String, Double> counts(String name, String tag) {
        Map<String, Double> sums = new TreeMap<>();
        registry.find(name).counters().forEach(c -> sums.merge(Objects.requireNonNullElse(c.getId().getTag(tag), ""),
                c.count(), Double::sum));
        return sums;
    }

    static String typeTag(String type) {
        return KNOWN_TYPES.contains(type) ? type : "other";
    }
}
