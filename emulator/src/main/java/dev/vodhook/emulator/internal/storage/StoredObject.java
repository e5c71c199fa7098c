package dev.vodhook.emulator.internal.storage;

import java.nio.file.Path;

/** An object written to the store, with the MD5 (lowercase hex) that COS reports as its ETag. */
public record StoredObject(ObjectKey key, Path path, long size, String md5) {

    /** The ETag header value: the quoted MD5. */
    String etag() {
        return "\"" + md5 + "\"";
    }
}
