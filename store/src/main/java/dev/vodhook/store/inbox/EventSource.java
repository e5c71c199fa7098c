package dev.vodhook.store.inbox;

/**
 * How an event reached us: VOD posted it (normal callback), we pulled it (reliable callback), or the
 * reconciler built it from VOD's answer to DescribeTaskDetail about a task whose event never came.
 */
public enum EventSource {
    PUSH,
    PULL,
    RECONCILE
}
