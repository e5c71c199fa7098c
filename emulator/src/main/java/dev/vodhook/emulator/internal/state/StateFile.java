package dev.vodhook.emulator.internal.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.internal.media.AdaptiveDynamicStreamingItem;
import dev.vodhook.emulator.internal.media.MediaAnimatedGraphicsItem;
import dev.vodhook.emulator.internal.media.MediaImageSpriteItem;
import dev.vodhook.emulator.internal.media.MediaSampleSnapshotItem;
import dev.vodhook.emulator.internal.media.MediaSnapshotByTimeOffsetItem;
import dev.vodhook.emulator.internal.media.MediaTranscodeItem;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.tasks.ComposeMediaTask;
import dev.vodhook.emulator.internal.tasks.EditMediaTask;
import dev.vodhook.emulator.internal.tasks.ProcedureTask;
import dev.vodhook.emulator.internal.tasks.ProcedureTaskView;
import dev.vodhook.emulator.internal.tasks.PullUploadTask;
import dev.vodhook.emulator.internal.tasks.VodTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local VOD's state as one JSON file ({@code state.json} in the data directory). Written whole and atomically:
 * a temporary file beside it (mode 0600: it holds SignKeys and temporary SecretKeys), fsync, rename over the old
 * one, fsync of the directory; so after a crash the file is the last complete state, never half of one.
 */
public final class StateFile {

    static final String NAME = "state.json";
    /** Raised when the saved shape changes incompatibly. */
    public static final int FORMAT = 1;

    /**
     * Records by their components; a task's kind and a sub-task's output type are named in the file. Built on first
     * use, so a start without a state file does not pay for it.
     */
    private static final class Json {

        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .activateDefaultTyping(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType(EmulatorException.class.getPackageName() + ".").build(),
                        JsonMapper.DefaultTyping.JAVA_LANG_OBJECT)
                .addMixIn(VodTask.class, TaskKinds.class)
                .addHandler(new FlatPackageNames())
                .build();
    }

    /**
     * Reads the sub-task outputs of files written while the local VOD was one flat package: they name their class in
     * {@code dev.vodhook.emulator} (e.g. {@code dev.vodhook.emulator.MediaTranscodeItem}), which is elsewhere now.
     */
    private static final class FlatPackageNames extends DeserializationProblemHandler {

        private static final Map<String, Class<?>> MOVED = Stream.of(MediaTranscodeItem.class,
                        MediaAnimatedGraphicsItem.class, MediaSampleSnapshotItem.class, MediaImageSpriteItem.class,
                        MediaSnapshotByTimeOffsetItem.class, AdaptiveDynamicStreamingItem.class,
                        ProcedureTaskView.CoverOutput.class)
                .collect(Collectors.toUnmodifiableMap(FlatPackageNames::flatName, c -> c));

        private static String flatName(Class<?> type) {
            return EmulatorException.class.getPackageName() + type.getName().substring(type.getPackageName().length());
        }

        @Override
        public JavaType handleUnknownTypeId(DeserializationContext context, JavaType baseType, String subTypeId,
                                            TypeIdResolver idResolver, String failureMsg) {
            Class<?> moved = MOVED.get(subTypeId);
            return moved == null ? null : context.constructType(moved);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "Kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = ProcedureTask.class, name = "Procedure"),
            @JsonSubTypes.Type(value = PullUploadTask.class, name = "PullUpload"),
            @JsonSubTypes.Type(value = EditMediaTask.class, name = "EditMedia"),
            @JsonSubTypes.Type(value = ComposeMediaTask.class, name = "ComposeMedia")})
    private interface TaskKinds {
    }

    private final Path file;

    public StateFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** The saved state; empty when there is none yet. A file that cannot be read is an error, never ignored. */
    public Optional<SavedState> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        SavedState state;
        try {
            state = Json.MAPPER.readValue(file.toFile(), SavedState.class);
        } catch (JacksonException e) {
            throw new EmulatorException("the local VOD's state " + file + " cannot be read (" + e.getOriginalMessage()
                    + "); move it away to start empty", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        if (state == null || state.format() != FORMAT) {
            throw new EmulatorException("the local VOD's state " + file + " has format "
                    + (state == null ? "(none)" : state.format()) + ", this version reads " + FORMAT
                    + "; move it away to start empty");
        }
        return Optional.of(state);
    }

    /** Replaces the file with {@code state}, atomically and durably. */
    void write(SavedState state) {
        Path dir = file.getParent();
        Path temp = null;
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(state);
            temp = createPrivateTemp(dir);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        } finally {
            if (temp != null) {
                ObjectStore.deleteQuietly(temp);
            }
        }
    }

    private static Path createPrivateTemp(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, NAME + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, NAME + "-", ".tmp");
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible on this platform; the rename itself is still atomic
        }
    }
}
