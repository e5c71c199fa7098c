package dev.vodhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.qcloud.vod.VodUploadClient;
import com.qcloud.vod.model.VodUploadRequest;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadResponse;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.service.vod.VodClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user does to a local VOD in the end-to-end tests, through Tencent's official SDKs: point its callbacks at
 * a receiver, upload a generated one-second clip; and what a test looks at, through {@code /_emulator/tasks}.
 */
public final class LocalVodCalls {
    private static final Path CLIP = clip(320, 180);
    private static volatile Path smallClip;

    private final LocalVod vod;

    public LocalVodCalls(LocalVod vod) {
        this.vod = vod;
    }

    /** A config for a receiver that calls this local VOD (tests then set its database, port and clock). */
    public ServiceConfig receiverConfig(ServiceConfig base) {
        return base.withVodEndpoint(vod.baseUrl()).withCredentials(vod.config().secretId(), vod.config().secretKey());
    }

    /** ModifyEventConfig: PUSH to {@code callbackUrl}, uploads and deletes switched on. */
    public void pushTo(String callbackUrl) throws Exception {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.setMode("PUSH");
        request.setNotificationUrl(callbackUrl);
        request.setUploadMediaCompleteEventSwitch("ON");
        request.setDeleteMediaCompleteEventSwitch("ON");
        client().ModifyEventConfig(request);
    }

    /**
     * ModifyEventConfig with only a SignKey (not in the 3.1.660 SDK model, so set by name, as vod-protocol.md
     * §3.1 says): from now on the local VOD's pushes carry {@code Sign} and {@code T}.
     */
    public void signWith(String signKey) throws Exception {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.set("SignKey", signKey);
        client().ModifyEventConfig(request);
    }

    /** ModifyEventConfig: reliable callback (PULL), uploads switched on; events wait for PullEvents. */
    public void pullMode() throws Exception {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.setMode("PULL");
        request.setUploadMediaCompleteEventSwitch("ON");
        client().ModifyEventConfig(request);
    }

    /** ApplyUpload of an mp4, without uploading: the storage bucket, path and temporary key it hands out. */
    public ApplyUploadResponse applyUpload() throws Exception {
        ApplyUploadRequest request = new ApplyUploadRequest();
        request.setMediaType("mp4");
        return client().ApplyUpload(request);
    }

    /** Server upload of a 320x180 one-second clip with the official upload SDK (proxy mode); its FileId. */
    public String upload() throws Exception {
        return upload(CLIP);
    }

    /** Server upload of a 160x90 one-second clip, the cheapest to transcode; its FileId. */
    public String uploadSmall() throws Exception {
        return uploadSmall("");
    }

    /** The same, naming a task flow that VOD starts on the upload itself (its ProcedureTaskId); none when empty. */
    public String uploadSmall(String procedure) throws Exception {
        if (smallClip == null) {
            smallClip = clip(160, 90);
        }
        return upload(smallClip, procedure);
    }

    private String upload(Path clip) throws Exception {
        return upload(clip, "");
    }

    private String upload(Path clip, String procedure) throws Exception {
        HttpProfile proxy = new HttpProfile();
        proxy.setProxyHost("127.0.0.1");
        proxy.setProxyPort(vod.port());
        proxy.setProtocol(HttpProfile.REQ_HTTP);
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(clip.toString());
        if (!procedure.isEmpty()) {
            request.setProcedure(procedure);
        }
        return new VodUploadClient(vod.config().secretId(), vod.config().secretKey(), proxy)
                .upload("ap-guangzhou", request).getFileId();
    }

    /** How many tasks the local VOD has on each media, by FileId. */
    public Map<String, Long> taskCountsByFileId() {
        Map<String, Long> counts = new TreeMap<>();
        new Http(vod.baseUrl()).get("/_emulator/tasks").json().forEach(t ->
                counts.merge(t.path("ProcedureTask").path("FileId").asText(), 1L, Long::sum));
        return counts;
    }

    /** Events received again and recognised as duplicates, by the receiver's metrics. */
    public static double duplicatesSeenBy(VodhookServer receiver) {
        return new Http(receiver.adminUrl()).get("/metrics").body().lines()
                .filter(l -> l.startsWith("vodhook_events_duplicates_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The local VOD's tasks on a media, as DescribeTaskDetail outputs. */
    public List<JsonNode> tasksOn(String fileId) {
        JsonNode all = new Http(vod.baseUrl()).get("/_emulator/tasks").json();
        List<JsonNode> tasks = new ArrayList<>();
        all.forEach(t -> {
            if (t.path("ProcedureTask").path("FileId").asText().equals(fileId)) {
                tasks.add(t);
            }
        });
        return tasks;
    }

    private VodClient client() {
        return sdk(vod);
    }

    /** An official API client of {@code vod} with its configured key, built by the receiver's {@link VodClients}. */
    public static VodClient sdk(LocalVod vod) {
        return VodClients.create(URI.create("http://" + vod.endpoint()), vod.config().secretId(),
                vod.config().secretKey(), "ap-guangzhou");
    }

    private static Path clip(int width, int height) {
        try {
            Path dir = Files.createTempDirectory("vodhook-service-clip-");
            Path clip = dir.resolve("clip.mp4");
            Ffmpeg.locate().generateClip(clip, width, height, 1.0);
            clip.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return clip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
