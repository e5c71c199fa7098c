package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON may escape half a surrogate pair; that is no text, so such a body is refused, not stored as '?'. */
class UnpairedSurrogateTest {

    static VodEvent parse(String json) {
        return EventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnpairedSurrogateInAValueOrANameIsMalformed() {
        for (String json : new String[] {
                "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"\\ud800x\"}}",
                "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"x\\udc00\"}}",
                "{\"EventType\":\"NewFileUpload\",\"x\":[\"ok\",\"\\ud83d\"]}"}) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("unpaired UTF-16 surrogate");
        }
        // in a field name, Jackson refuses it itself
        assertThatThrownBy(() -> parse("{\"EventType\":\"NewFileUpload\",\"\\udfff\":1}"))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aPairedOneIsACharacterLikeAnyOther() {
        VodEvent event = parse("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"1\","
                + "\"MediaBasicInfo\":{\"Name\":\"clip \\ud83c\\udfac \u00e9t\u00e9\"}}}");

        assertThat(event.payload().path("MediaBasicInfo").path("Name").asText()).isEqualTo("clip \uD83C\uDFAC été");
    }
}
