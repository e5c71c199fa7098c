package dev.vodhook.console.access;

/**
 * Who is looking at a page, as the templates need it.
 *
 * @param csrf      the token every state-changing form carries (the session's, or the console's own without login)
 * @param signedIn  whether the console has a login (an admin token is configured), so the page offers a logout
 */
public record Viewer(Role role, String csrf, boolean signedIn) {

    /** Whether the page shows the buttons that change state (replay, purge). */
    public boolean canAct() {
        return role == Role.ADMIN;
    }
}
