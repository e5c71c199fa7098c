package dev.vodhook.emulator.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void parsesTheThreeSingleRangeForms() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999));
    }

    @Test
    void clampsTheEndToTheFile() {
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).contains(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999));
    }

    @Test
    void ignoresWhatItDoesNotServe() {
        assertThat(ByteRange.parse(null, 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 1000)).isEmpty();
    }

    @Test
    void rangesOutsideTheFileAreUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=5-2", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void describesItselfForContentRange() {
        assertThat(new ByteRange(0, 99).contentRange(1000)).isEqualTo("bytes 0-99/1000");
        assertThat(new ByteRange(0, 99).length()).isEqualTo(100);
    }
}
