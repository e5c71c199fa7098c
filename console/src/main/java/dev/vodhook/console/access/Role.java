package dev.vodhook.console.access;

/** What a console user may do: everything (the admin token, or no token configured), or only look (the read token). */
public enum Role {
    ADMIN,
    READ
}
