package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A number that is short in JSON but enormous written out ({@code 1e999999999}: a billion digits) is read as
 * its scientific text, not expanded: expanded, it would take gigabytes for one 60-byte callback.
 */
class HugeNumbersTest {

    static VodEvent parse(String json) {
        return EventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHugeFileIdIsKeptInScientificNotation() {
        VodEvent upload = parse("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":1e999999999}}");

        assertThat(upload.fileId()).contains("1E+999999999");
        assertThat(DedupeKeys.of(upload)).isEqualTo("NewFileUpload:1E+999999999");
    }

    @Test
    void aHugeFileIdInADeletionIsKeptInScientificNotation() {
        VodEvent deleted = parse("{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[1e999999999,"
                + "-1e-999999999]}}");

        assertThat(FileDeleted.from(deleted).deletions()).extracting(FileDeleted.Deletion::fileId)
                .containsExactly("1E+999999999", "-1E-999999999");
        assertThat(DedupeKeys.of(deleted)).startsWith("FileDeleted:");
    }

    @Test
    void ordinaryNumbersKeepTheirExactDigits() {
        assertThat(parse("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":5285890790714697960}}")
                .fileId()).contains("5285890790714697960");
        assertThat(parse("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":12.50}}").fileId())
                .contains("12.5");
        assertThat(parse("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":1e3}}").fileId())
                .contains("1000");
    }
}
