package dev.vodhook.emulator.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushSignatureTest {

    @Test
    void signIsMd5HexOfKeyThenT() {
        // known answer, computed independently: md5("k8Zp2Qw9Lm4Xr7Tb" + "1716193562")
        assertThat(PushSignature.sign("k8Zp2Qw9Lm4Xr7Tb", 1716193562L)).isEqualTo("84ac5e0312237da138b40e422bc192b9");
    }
}
