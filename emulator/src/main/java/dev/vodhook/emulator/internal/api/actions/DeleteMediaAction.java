package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.events.EventBus;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaFiles;
import dev.vodhook.emulator.internal.media.MediaRepository;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeleteMedia: without {@code DeleteParts} the media and every stored file of it are gone (its tasks stay
 * describable); with them, only those parts: {@code OriginalFiles} (the media stays, with its renditions, but can no
 * longer be processed), {@code TranscodeFiles} and {@code AdaptiveDynamicStreamingFiles} of one {@code Definition}
 * ({@code 0} = all). The WeChat part types are accepted; the emulator stores nothing of them. Publishes
 * {@code FileDeleted} (when the application's delete
 * switch is ON) echoing the parts, {@code []} for a whole delete.
 */
public final class DeleteMediaAction implements ApiAction {

    static final String ORIGINAL_FILES = "OriginalFiles";
    static final String TRANSCODE_FILES = "TranscodeFiles";
    static final String ADAPTIVE_FILES = "AdaptiveDynamicStreamingFiles";
    private static final Set<String> TYPES = Set.of(ORIGINAL_FILES, TRANSCODE_FILES, ADAPTIVE_FILES,
            "WechatPublishFiles", "WechatMiniProgramPublishFiles");
    private static final Logger log = LoggerFactory.getLogger(DeleteMediaAction.class);

    private final MediaRepository media;
    private final MediaFiles files;
    private final EventBus bus;

    public DeleteMediaAction(MediaRepository media, MediaFiles files, EventBus bus) {
        this.media = media;
        this.files = files;
        this.bus = bus;
    }

    /** VOD's {@code MediaDeleteItem}; a missing {@code Definition} is 0. */
    public record Part(String type, long definition) {
    }

    record Request(String fileId, List<Part> deleteParts) {
    }

    record Response() {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        String fileId = Param.required(r.fileId(), "FileId");
        List<Part> parts = r.deleteParts() == null ? List.of() : List.copyOf(r.deleteParts());
        for (Part part : parts) {
            Param.required(part.type(), "DeleteParts.Type");
            Param.oneOf(part.type(), TYPES, "DeleteParts.Type");
            if (part.definition() < 0) {
                throw LocalVodApiError.invalidValue("DeleteParts.Definition", "must be 0 (all) or a template id");
            }
        }
        Media m = media.find(request.subAppId(), fileId).orElseThrow(() ->
                new LocalVodApiError(LocalVodApiError.RESOURCE_NOT_FOUND, "The FileId " + fileId + " does not exist."));
        if (parts.isEmpty()) {
            files.deleteAll(m);
            media.remove(fileId);
        } else {
            parts.forEach(part -> deletePart(m, part, request));
        }
        log.info("FileId {} deleted ({})", fileId, parts.isEmpty() ? "whole media" : parts);
        bus.publish(EventContents.fileDeleted(request.subAppId(), fileId, parts));
        return new Response();
    }

    private void deletePart(Media m, Part part, ApiRequest request) {
        switch (part.type()) {
            case ORIGINAL_FILES -> {
                files.deleteOriginal(m);
                media.update(m.fileId(), x -> x.withoutOriginal(request.now()));
            }
            case TRANSCODE_FILES -> {
                files.deleteTranscodes(m, part.definition());
                media.update(m.fileId(), x -> x.withoutTranscodes(
                        d -> part.definition() == 0 || d == part.definition(), request.now()));
            }
            case ADAPTIVE_FILES -> {
                files.deleteAdaptiveStreams(m, part.definition());
                media.update(m.fileId(), x -> x.withDerived(d -> d.withoutAdaptiveStreams(
                        def -> part.definition() == 0 || def == part.definition()), request.now()));
            }
            default -> log.debug("FileId {}: no {} are stored by the local VOD; nothing to delete", m.fileId(),
                    part.type());
        }
    }
}
