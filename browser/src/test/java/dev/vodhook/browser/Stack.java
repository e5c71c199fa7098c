package dev.vodhook.browser;

import com.qcloud.vod.VodUploadClient;
import com.qcloud.vod.model.VodUploadRequest;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.console.Console;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.Faults;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.service.vod.VodClients;
import dev.vodhook.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a user runs: the local VOD and a receiver with its console, the VOD pushing to the receiver, uploads through
 * the official upload SDK, on free ports over SQLite in a temporary directory.
 */
final class Stack implements AutoCloseable {
    private static volatile Path clip;

    final LocalVod vod;
    final VodhookServer receiver;

    private Stack(LocalVod vod, VodhookServer receiver) {
        this.vod = vod;
        this.receiver = receiver;
    }

    static Stack start(Path dir) {
        return start(dir, Optional.empty(), Optional.empty());
    }

    static Stack start(Path dir, Optional<String> adminToken, Optional<String> readToken) {
        LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withPort(0).withDataDir(dir.resolve("vod")));
        try {
            ServiceConfig config = ServiceConfig.defaults()
                    .withPort(0)
                    .withBindHost("127.0.0.1")
                    .withDatabaseUrl("jdbc:sqlite:" + dir.resolve("vodhook.db"))
                    .withVodEndpoint(vod.baseUrl())
                    .withCredentials(vod.config().secretId(), vod.config().secretKey())
                    .withWorker(new WorkerSettings(Duration.ofMillis(200), 16, Duration.ofSeconds(30), Duration.ofSeconds(5)))
                    .withRetry(RetryPolicy.defaults().withJitter(0))
                    .withAdminPort(0);
            config = adminToken.map(config::withAdminToken).orElse(config);
            config = readToken.map(config::withReadToken).orElse(config);
            VodhookServer receiver = VodhookServer.start(config, Console.create());
            Stack stack = new Stack(vod, receiver);
            stack.pushTo(receiver.baseUrl() + "/callback");
            return stack;
        } catch (Exception e) {
            vod.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Where the console is: the admin listener. */
    String consoleUrl() {
        return receiver.adminUrl();
    }

    Database database() {
        return receiver.database();
    }

    Faults faults() {
        return vod.faults();
    }

    /** Server upload of a generated two-second 320x180 clip with the official upload SDK; its FileId. */
    String upload() throws Exception {
        HttpProfile proxy = new HttpProfile();
        proxy.setProxyHost("127.0.0.1");
        proxy.setProxyPort(vod.port());
        proxy.setProtocol(HttpProfile.REQ_HTTP);
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(clip().toString());
        return new VodUploadClient(vod.config().secretId(), vod.config().secretKey(), proxy)
                .upload("ap-guangzhou", request).getFileId();
    }

    /** POSTs an event to the receiver's callback URL, as VOD (or someone else) would; the HTTP status. */
    int postCallback(String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(receiver.baseUrl() + "/callback"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private void pushTo(String callbackUrl) throws Exception {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.setMode("PUSH");
        request.setNotificationUrl(callbackUrl);
        request.setUploadMediaCompleteEventSwitch("ON");
        request.setDeleteMediaCompleteEventSwitch("ON");
        VodClients.create(URI.create("http://" + vod.endpoint()), vod.config().secretId(), vod.config().secretKey(),
                "ap-guangzhou").ModifyEventConfig(request);
    }

    private static synchronized Path clip() {
        if (clip == null) {
            try {
                Path dir = Files.createTempDirectory("vodhook-browser-clip-");
                Path file = dir.resolve("clip.mp4");
                Ffmpeg.locate().generateClip(file, 320, 180, 2.0);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                clip = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return clip;
    }

    @Override
    public void close() {
        try {
            vod.faults().clear();
            receiver.close();
        } finally {
            vod.close();
        }
    }
}
