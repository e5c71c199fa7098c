/**
 * Not API. COS-style storage: the object store and the key layout of originals and derived files,
 * the COS protocol (simple and multipart uploads, COS XML errors), the upload sessions of ApplyUpload and their
 * temporary keys, downloads of stored objects with byte ranges, and the public URLs of objects.
 */
package dev.vodhook.emulator.internal.storage;
