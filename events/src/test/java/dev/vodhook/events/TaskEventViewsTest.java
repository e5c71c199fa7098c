package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.testkit.Samples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The typed views of PullComplete, EditMediaComplete, ComposeMediaComplete and FileDeleted. */
class TaskEventViewsTest {

    static VodEvent sample(String name) {
        return EventParser.parse(Samples.bytes(name));
    }

    static VodEvent parse(String body) {
        return EventParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pullComplete() {
        PullComplete pull = PullComplete.from(sample("callback-v3-PullComplete.json"));

        assertThat(pull.taskId()).isEqualTo("1500012345-pull-893dc41e6fdc22dcf24aa6e9c61c0f94");
        assertThat(pull.fileId()).isEqualTo("14508071098244951234");
        assertThat(pull.name()).isEqualTo("imported-talk");
        assertThat(pull.mediaUrl()).endsWith("/talk.mp4");
        assertThat(pull.procedureTaskId()).isEmpty();
        assertThat(pull.finished()).isTrue();
        assertThat(pull.succeeded()).isTrue();
    }

    @Test
    void aFailedPullHasItsErrCodeAndNoMedia() {
        PullComplete pull = PullComplete.from(parse("""
                {"EventType":"PullComplete","PullCompleteEvent":{"TaskId":"t-pull","Status":"FINISH","ErrCode":60000,
                 "Message":"source file error","FileId":"","FileUrl":"http://x/a.mp4","MediaBasicInfo":null}}"""));

        assertThat(pull.finished()).isTrue();
        assertThat(pull.succeeded()).isFalse();
        assertThat(pull.errCode()).isEqualTo(60000);
        assertThat(pull.message()).isEqualTo("source file error");
        assertThat(pull.fileId()).isEmpty();
        assertThat(pull.mediaUrl()).isEqualTo("http://x/a.mp4");
    }

    @Test
    void editMediaComplete() {
        EditMediaComplete edit = EditMediaComplete.from(sample("callback-v3-EditMediaComplete.json"));

        assertThat(edit.taskId()).isEqualTo("1500012345-EditMedia-61c975da05662fd9d3bf9d89a63361c0t0");
        assertThat(edit.succeeded()).isTrue();
        assertThat(edit.inputFileIds()).containsExactly("5285890813874512345", "5285890813874512346");
        assertThat(edit.output()).isEqualTo(new ProducedMedia("5285890813874599999",
                "http://1500012345.vod2.myqcloud.com/6b7c8d9evodgzp1500012345/9c8d7e6f5285890813874599999/f0.mp4",
                "", "mp4"));
    }

    @Test
    void editMediaCompleteUnderTheDocSamplesKeyIsReadToo() {
        String body = Samples.text("callback-v3-EditMediaComplete.json")
                .replace("\"EditMediaCompleteEvent\"", "\"EditMediaComplete\"");

        assertThat(EditMediaComplete.from(parse(body)).output().fileId()).isEqualTo("5285890813874599999");
    }

    @Test
    void aFailedEditIsNotASuccessEvenWithAnOutputObject() {
        EditMediaComplete edit = EditMediaComplete.from(parse("""
                {"EventType":"EditMediaComplete","EditMediaCompleteEvent":{"TaskId":"t-edit","Status":"FINISH",
                 "ErrCode":0,"ErrCodeExt":"SourceFileError","Message":"bad input",
                 "Output":{"FileId":"","FileUrl":""}}}"""));

        assertThat(edit.finished()).isTrue();
        assertThat(edit.succeeded()).isFalse();
        assertThat(edit.errCodeExt()).isEqualTo("SourceFileError");
        assertThat(edit.output().exists()).isFalse();
    }

    @Test
    void composeMediaComplete() {
        ComposeMediaComplete compose = ComposeMediaComplete.from(sample("callback-v3-ComposeMediaComplete.json"));

        assertThat(compose.taskId()).isEqualTo("1500012345-ComposeMedia-f5ac8127b3b6b85cdc13f237c6005d81t0");
        assertThat(compose.succeeded()).isTrue();
        assertThat(compose.sourceFileIds()).containsExactly("5285890813874512345", "5285890813874512347");
        assertThat(compose.output().fileId()).isEqualTo("5285890813874588888");
        assertThat(compose.output().name()).isEqualTo("composed-demo");
    }

    @Test
    void aNumericOutputFileIdKeepsEveryDigit() {
        String body = Samples.text("callback-v3-ComposeMediaComplete.json")
                .replace("\"FileId\": \"5285890813874588888\"", "\"FileId\": 15285890813874588888");

        assertThat(ComposeMediaComplete.from(parse(body)).output().fileId()).isEqualTo("15285890813874588888");
    }

    @Test
    void fileDeletedByParts() {
        FileDeleted deleted = FileDeleted.from(sample("callback-v3-FileDeleted.json"));

        assertThat(deleted.deletions()).singleElement().satisfies(d -> {
            assertThat(d.fileId()).isEqualTo("5285890813874512345");
            assertThat(d.wholeMedia()).isFalse();
            assertThat(d.parts()).containsExactly(new FileDeleted.Part("TranscodeFiles", 0));
            assertThat(d.parts().getFirst().allDefinitions()).isTrue();
        });
    }

    @Test
    void fileDeletedWithEmptyPartsOrWithoutResultInfoIsAWholeDelete() {
        FileDeleted deleted = FileDeleted.from(parse("""
                {"EventType":"FileDeleted","FileDeleteEvent":{"FileIdSet":["1","2"],
                 "FileDeleteResultInfo":[{"FileId":"1","DeleteParts":[]}]}}"""));

        assertThat(deleted.deletions()).extracting(FileDeleted.Deletion::fileId).containsExactly("1", "2");
        assertThat(deleted.deletions()).allMatch(FileDeleted.Deletion::wholeMedia);
    }

    @Test
    void aPartWithoutDefinitionMeansAllDefinitions() {
        FileDeleted deleted = FileDeleted.from(parse("""
                {"EventType":"FileDeleted","FileDeleteEvent":{"FileIdSet":["1"],"FileDeleteResultInfo":[
                 {"FileId":"1","DeleteParts":[{"Type":"OriginalFiles"},{"Type":"TranscodeFiles","Definition":100020}]}]}}"""));

        assertThat(deleted.deletions().getFirst().parts())
                .containsExactly(new FileDeleted.Part("OriginalFiles", 0), new FileDeleted.Part("TranscodeFiles",
                        100020));
    }

    @Test
    void aFileDeletedWithoutAnyFileIdIsRefused() {
        VodEvent empty = parse("{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[]}}");

        assertThatThrownBy(() -> FileDeleted.from(empty)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("no FileId");
    }

    @Test
    void taskEventsWithoutATaskIdAreRefused() {
        assertThatThrownBy(() -> PullComplete.from(parse("{\"EventType\":\"PullComplete\",\"PullCompleteEvent\":{}}")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("without a TaskId");
    }

    @Test
    void eachViewRefusesTheOtherTypes() {
        VodEvent upload = sample("callback-v3-NewFileUpload.json");

        assertThatThrownBy(() -> PullComplete.from(upload)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EditMediaComplete.from(upload)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> ComposeMediaComplete.from(upload)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> FileDeleted.from(upload)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void anAbortedTaskHasEndedButDidNotSucceed() {
        PullComplete pull = PullComplete.from(parse("""
                {"EventType":"PullComplete","PullCompleteEvent":{"TaskId":"t","Status":"ABORTED","ErrCode":0,"FileId":"9"}}"""));

        assertThat(pull.finished()).isTrue();
        assertThat(pull.succeeded()).isFalse();
    }
}
