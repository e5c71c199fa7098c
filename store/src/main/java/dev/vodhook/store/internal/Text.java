package dev.vodhook.store.internal;

/** Making strings from the outside safe to store in both databases. */
public final class Text {
    private Text() {}

    /** PostgreSQL cannot store U+0000 in TEXT; replace it so a hostile value cannot fail a write. */
    public static String storable(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }

    public static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
