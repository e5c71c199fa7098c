package dev.vodhook.store.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InboxRowsTest {

    @Test
    void headersSurviveTheTripThroughJsonWhateverTheyHold() {
        Map<String, String> headers = Map.of("user-agent", "VOD \"quoted\" \\ back\\slash", "x-odd", "tab\tnl\ncr\r\u0001 é 中 😀",
                "nul", "a\u0000b", "empty", "");

        String json = InboxRows.headersJson(headers);

        assertThat(json).startsWith("{\"empty\":\"\",\"nul\":");
        assertThat(InboxRows.headers(1, json)).isEqualTo(Map.of("user-agent", "VOD \"quoted\" \\ back\\slash",
                "x-odd", "tab\tnl\ncr\r\u0001 é 中 😀", "nul", "a\uFFFDb", "empty", ""));
    }
}
