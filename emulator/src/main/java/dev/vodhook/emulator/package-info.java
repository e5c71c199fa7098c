/**
 * The local VOD: an emulator of Tencent Cloud VOD that the official SDKs can be pointed at. This package is its
 * public API: {@link LocalVod} (start, inspect, stop), its {@link EmulatorConfig} and the policies it takes,
 * {@link LocalVodExtension} for JUnit 5, {@link Faults} to inject, and the journals of API calls and push deliveries.
 *
 * <p>Everything under {@code dev.vodhook.emulator.internal} is not API: it may change at any time, and is public
 * only where one of its packages uses another.
 */
package dev.vodhook.emulator;
