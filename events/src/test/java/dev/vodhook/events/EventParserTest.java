package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.testkit.Samples;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventParserTest {

    static Stream<String> callbacks() {
        return Samples.callbacks().stream();
    }

    @ParameterizedTest
    @MethodSource("callbacks")
    void everySampleCallbackParsesWithItsPayload(String name) {
        VodEvent event = EventParser.parse(Samples.bytes(name));

        assertThat(name).contains(event.eventType());
        assertThat(event.format()).isEqualTo(name.contains("v2-legacy") ? EventFormat.V2 : EventFormat.V3);
        assertThat(event.payload().isObject()).as("payload of %s", name).isTrue();
        assertThat(event.fileId().isPresent() || event.taskId().isPresent()).as("an id in %s", name).isTrue();
        assertThat(DedupeKeys.of(event)).startsWith(event.eventType() + ":").doesNotContain("body-");
    }

    @Test
    void everyPulledEventParsesToo() throws Exception {
        var set = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Samples.bytes("api-PullEvents-response.json")).path("Response").path("EventSet");
        VodEvent event = EventParser.fromTree(set.get(0));
        assertThat(event.eventType()).isEqualTo("FileDeleted");
        assertThat(event.eventHandle()).contains("MTcxNjE5Mjk2Mi4xMjM0NTY3ODkwQUJDREVG");
        assertThat(event.fileId()).contains("5285890813874512345");
    }

    @Test
    void aNumericTwentyDigitFileIdKeepsEveryDigit() {
        VodEvent event = parse("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":14508071098244959037}}");
        assertThat(event.fileId()).contains("14508071098244959037");
        assertThat(FileUpload.from(event).fileId()).isEqualTo("14508071098244959037");
    }

    @Test
    void theDocsEditMediaCompleteKeyIsAccepted() {
        VodEvent event = parse("{\"EventType\":\"EditMediaComplete\",\"EditMediaComplete\":{\"TaskId\":\"t-1\",\"Status\":\"FINISH\"}}");
        assertThat(event.taskId()).contains("t-1");
    }

    @Test
    void unknownEventTypesAndFieldsAreKept() {
        VodEvent event = parse("{\"EventType\":\"BrandNewThing\",\"BrandNewThingEvent\":{\"TaskId\":\"x-9\",\"Extra\":[1,2]},\"Other\":1}");
        assertThat(event.eventType()).isEqualTo("BrandNewThing");
        assertThat(event.taskId()).contains("x-9");
        assertThat(event.body().path("Other").asInt()).isEqualTo(1);
        assertThat(event.payload().path("Extra").size()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"text\"", "{\"EventType\":\"\"}", "{\"foo\":1}",
            "{\"EventType\":\"A\"} trailing",
            "{\"EventType\":\"A\",\"EventType\":\"B\"}"})
    void whatIsNotAnEventIsRejectedWithAReason(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedEventException.class).message().isNotBlank();
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "{\"EventType\":\"X\",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() ->
                parse(deep)).isInstanceOf(MalformedEventException.class).hasMessageContaining("nested");
    }

    @Test
    void oversizedBodiesAreRejected() {
        byte[] big = new byte[EventParser.MAX_BYTES + 1];
        assertThatThrownBy(() ->
                EventParser.parse(big)).isInstanceOf(MalformedEventException.class).hasMessageContaining("exceeds");
    }

    private static VodEvent parse(String json) {
        return EventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
