package dev.vodhook.service.vod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionIdsTest {
    @Test
    void stableShortAndPerFileAndTemplates() {
        String id = SessionIds.transcode("14508071098244959037", List.of(100010, 100020));

        assertThat(id).startsWith("vodhook-").hasSize(48).hasSizeLessThanOrEqualTo(SessionIds.MAX_LENGTH)
                .matches("vodhook-[0-9a-f]{40}");
        assertThat(SessionIds.transcode("14508071098244959037", List.of(100020, 100010, 100020))).isEqualTo(id);
        assertThat(SessionIds.transcode("14508071098244959038", List.of(100010, 100020))).isNotEqualTo(id);
        assertThat(SessionIds.transcode("14508071098244959037", List.of(100010))).isNotEqualTo(id);
    }
}
