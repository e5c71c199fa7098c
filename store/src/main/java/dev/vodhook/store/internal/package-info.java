/**
 * Not API: the SQL plumbing the other store packages share, public only because they use it: where SQL runs
 * ({@link Storage}, {@link CombiningWriter} on SQLite), column and text helpers, the SQLite WAL checkpointer and
 * the Java schema migration.
 */
package dev.vodhook.store.internal;
