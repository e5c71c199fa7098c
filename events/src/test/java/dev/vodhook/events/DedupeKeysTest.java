package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DedupeKeysTest {

    @Test
    void uploadKeyIsTheFileId() {
        assertThat(key("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"42\"}}"))
                .isEqualTo("NewFileUpload:42");
    }

    @Test
    void aRedeliveryWithAHandleOrSignatureHasTheSameKey() {
        String a = "{\"EventType\":\"Odd\",\"OddEvent\":{\"X\":1}}";
        String b = "{\"EventHandle\":\"h\",\"Sign\":\"s\",\"T\":\"9\",\"OddEvent\":{\"X\":1},\"EventType\":\"Odd\"}";
        assertThat(key(a)).isEqualTo(key(b)).startsWith("Odd:body-");
    }

    @Test
    void procedureProgressStepsHaveDistinctKeys() {
        String processing = flow("PROCESSING", "PROCESSING");
        String oneDone = flow("PROCESSING", "SUCCESS");
        String finished = flow("FINISH", "SUCCESS");
        assertThat(key(processing)).isNotEqualTo(key(oneDone));
        assertThat(key(oneDone)).isNotEqualTo(key(finished));
        assertThat(key(finished)).isEqualTo(key(flow("FINISH", "SUCCESS")));
    }

    @Test
    void deletionsOfDifferentPartsDiffer() {
        String all = "{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[\"1\"],\"FileDeleteResultInfo\":[{\"FileId\":\"1\",\"DeleteParts\":[]}]}}";
        String part = "{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[\"1\"],\"FileDeleteResultInfo\":[{\"FileId\":\"1\",\"DeleteParts\":[{\"Type\":\"TranscodeFiles\",\"Definition\":0}]}]}}";
        assertThat(key(all)).isNotEqualTo(key(part)).startsWith("FileDeleted:1:");
    }

    private static String flow(String status, String subStatus) {
        return """
                {"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"TaskId":"t-1","Status":"%s",
                 "MediaProcessResultSet":[{"Type":"Transcode","TranscodeTask":{"Status":"%s","Input":{"Definition":100010}}}]}}"""
                .formatted(status, subStatus);
    }

    private static String key(String json) {
        return DedupeKeys.of(EventParser.parse(json.getBytes(StandardCharsets.UTF_8)));
    }
}
