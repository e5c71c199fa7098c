package dev.vodhook.emulator;

import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadResponse;
import com.tencentcloudapi.vod.v20180717.models.CommitUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.CommitUploadResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * Uploads a file the quick way for tests that need media: ApplyUpload and CommitUpload through the official SDK,
 * the bytes with one plain PUT to the emulator's direct storage path {@code /cos/<bucket><key>}.
 */
public final class DirectUpload {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DirectUpload() {
    }

    public static CommitUploadResponse upload(LocalVod vod, Path file) throws Exception {
        return upload(vod, file, null);
    }

    static CommitUploadResponse upload(LocalVod vod, Path file, String procedure) throws Exception {
        VodClient client = VodSdk.client(vod);
        ApplyUploadRequest apply = new ApplyUploadRequest();
        apply.setMediaType("mp4");
        apply.setMediaName(file.getFileName().toString());
        apply.setProcedure(procedure);
        ApplyUploadResponse applied = client.ApplyUpload(apply);
        HttpResponse<String> put = put(vod, applied, file);
        if (put.statusCode() != 200) {
            throw new AssertionError("storage PUT answered " + put.statusCode() + ": " + put.body());
        }
        CommitUploadRequest commit = new CommitUploadRequest();
        commit.setVodSessionKey(applied.getVodSessionKey());
        return client.CommitUpload(commit);
    }

    static HttpResponse<String> put(LocalVod vod, ApplyUploadResponse applied, Path file) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vod.baseUrl() + "/cos/" + applied.getStorageBucket()
                        + applied.getMediaStoragePath()))
                .header("Authorization", "q-sign-algorithm=sha1&q-ak=" + applied.getTempCertificate().getSecretId()
                        + "&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=00")
                .header("x-cos-security-token", applied.getTempCertificate().getToken())
                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
