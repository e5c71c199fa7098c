/**
 * The store's public API: {@link Database} opens SQLite or PostgreSQL ({@link Dialect}) with its
 * {@link DatabaseOptions}, migrates the schema and hands out the inbox, media store, catalog and outbox;
 * {@link StoreException} is the module's root exception. Each of those has its own sub-package.
 */
package dev.vodhook.store;
