package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LocalVodExtension#resettingAfterEachTest()}: one local VOD for the class, empty again for every test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalVodExtensionResetTest {

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create().resettingAfterEachTest();

    /** The local VOD the first test ran against. */
    private static LocalVod first;

    @Test
    @Order(1)
    void uploads() throws Exception {
        first = vod.localVod();
        DirectUpload.upload(vod.localVod(), TestClips.clip(160, 90));
        vod.faults().failNextCalls("DescribeMediaInfos", "InternalError", 1);

        assertThat(vod.localVod().fileIds()).hasSize(1);
    }

    @Test
    @Order(2)
    void findsTheSameEmulatorEmpty() {
        assertThat(vod.localVod()).as("the instance the first test used").isSameAs(first);
        assertThat(vod.localVod().fileIds()).isEmpty();
        assertThat(vod.faults().pending().api()).isEmpty();
    }
}
