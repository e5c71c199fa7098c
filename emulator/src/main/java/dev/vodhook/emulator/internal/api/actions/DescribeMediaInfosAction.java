package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.media.MediaInfo;
import dev.vodhook.emulator.internal.media.MediaRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DescribeMediaInfos: 1 to 20 FileIds; unknown ones are listed in {@code NotExistFileIdSet}, not an error.
 * {@code Filters} picks sections ({@link MediaInfo#FILTERS}); an unknown one is {@code InvalidParameterValue}.
 */
public final class DescribeMediaInfosAction implements ApiAction {

    static final int MAX_FILE_IDS = 20;

    private final MediaRepository media;

    public DescribeMediaInfosAction(MediaRepository media) {
        this.media = media;
    }

    record Request(List<String> fileIds, List<String> filters) {
    }

    record Response(List<MediaInfo> mediaInfoSet, List<String> notExistFileIdSet) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        if (r.fileIds() == null || r.fileIds().isEmpty()) {
            throw LocalVodApiError.invalidValue("FileIdsEmpty", "FileIds", "at least one FileId is required");
        }
        if (r.fileIds().size() > MAX_FILE_IDS) {
            throw LocalVodApiError.invalidValue("FileIdsOverLimit", "FileIds", "at most " + MAX_FILE_IDS + " FileIds");
        }
        Set<String> filters = r.filters() == null ? Set.of() : Set.copyOf(r.filters());
        for (String filter : filters) {
            Param.oneOf(filter, MediaInfo.FILTERS, "Filters");
        }
        List<MediaInfo> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String fileId : new LinkedHashSet<>(r.fileIds())) {
            media.find(request.subAppId(), fileId)
                    .ifPresentOrElse(m -> found.add(MediaInfo.of(m, filters)), () -> missing.add(fileId));
        }
        return new Response(found, missing);
    }
}
