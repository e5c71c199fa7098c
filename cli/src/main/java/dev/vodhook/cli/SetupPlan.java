package dev.vodhook.cli;

import dev.vodhook.service.vod.VodEventConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vodhook setup} would change in an application's event config, and whether it must refuse.
 *
 * @param before     what DescribeEventConfig reported
 * @param after      what ModifyEventConfig would set
 * @param signKey    the SignKey it would send (push only)
 * @param keyNote    where that key comes from, for the table
 * @param keyChanges whether the key differs from the one the receiver's config file already holds
 */
record SetupPlan(VodEventConfig before, VodEventConfig after, Optional<String> signKey, String keyNote,
        boolean keyChanges) {

    boolean changesSomething() {
        return !before.equals(after) || keyChanges;
    }

    /**
     * Why applying this could break someone else's setup, if it could: it replaces a non-empty callback URL, or
     * takes events from whoever pulls them (PULL) or receives them (PUSH to a URL).
     */
    Optional<String> risk() {
        boolean toPush = VodEventConfig.PUSH.equals(after.mode());
        if (toPush && VodEventConfig.PULL.equals(before.mode())) {
            return Optional.of("it would switch the application from reliable callback (PULL) to normal callback (PUSH):"
                    + " whoever calls PullEvents for it now would get no more events");
        }
        if (toPush && !before.notificationUrl().isEmpty() && !before.notificationUrl().equals(after.notificationUrl())) {
            return Optional.of("it would replace the callback URL " + SetupCommand.shown(before.notificationUrl())
                    + " with " + SetupCommand.shown(after.notificationUrl()) + ": events would stop going there");
        }
        if (!toPush && VodEventConfig.PUSH.equals(before.mode()) && !before.notificationUrl().isEmpty()) {
            return Optional.of("it would switch the application from normal callback (PUSH to "
                    + SetupCommand.shown(before.notificationUrl()) + ") to reliable callback (PULL): events would stop going there");
        }
        return Optional.empty();
    }

    /** The before/after table; a changed row is marked. */
    void print(PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Mode", before.mode(), after.mode()});
        rows.add(new String[] {"NotificationUrl", SetupCommand.shown(before.notificationUrl()),
                SetupCommand.shown(after.notificationUrl())});
        rows.add(new String[] {"UploadMediaCompleteEventSwitch", before.uploadSwitch(), after.uploadSwitch()});
        rows.add(new String[] {"DeleteMediaCompleteEventSwitch", before.deleteSwitch(), after.deleteSwitch()});
        if (signKey.isPresent()) {
            rows.add(new String[] {"SignKey", "(VOD does not report it)", keyNote});
        }
        int first = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        out.printf("  %-32s %-" + first + "s   %s%n", "", "now", "planned");
        for (String[] r : rows) {
            boolean changed = r[0].equals("SignKey") ? keyChanges : !r[1].equals(r[2]);
            out.printf("%s %-32s %-" + first + "s   %s%n", changed ? "*" : " ", r[0], r[1], r[2]);
        }
    }
}
