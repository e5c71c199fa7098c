package dev.vodhook.console.pages;

import dev.vodhook.console.access.Viewer;

/**
 * What the layout of every page needs.
 *
 * @param section which part of the navigation is current: overview, events, media or deliveries
 */
public record Page(String title, String section, Viewer viewer) {}
