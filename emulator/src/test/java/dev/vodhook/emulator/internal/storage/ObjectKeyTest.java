package dev.vodhook.emulator.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    @Test
    void acceptsTheKeysVodHandsOut() {
        assertThat(ObjectKey.isValid("/6b7c8d9evodgzp1500012345/a1b2c3d45285890813874512345/f0.mp4")).isTrue();
        assertThat(ObjectKey.isValid("/0a1b2c3dvodtransgzp1500012345/a1b2c3d4528/coverBySnapshot/1716192962_871239011.100_0.jpg"))
                .isTrue();
        assertThat(new ObjectKey("/a/v.f100010.mp4").extension()).isEqualTo("mp4");
    }

    @Test
    void refusesTraversalHiddenAndOddKeys() {
        for (String key : new String[] {"/../etc/passwd", "/a/../b", "/a/./b", "/.scratch/x", "relative/key", "/a//b",
                "/a/", "/", "/a\\b", "/a/b c", "/a/%2e%2e", null}) {
            assertThat(ObjectKey.isValid(key)).as(String.valueOf(key)).isFalse();
        }
        assertThatThrownBy(() -> new ObjectKey("/../x")).isInstanceOf(ObjectKey.InvalidObjectKeyException.class);
    }
}
