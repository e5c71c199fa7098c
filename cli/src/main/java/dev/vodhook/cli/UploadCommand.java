package dev.vodhook.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vodhook upload FILE}: server upload of one file. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Uploads a media file by server upload (ApplyUpload, storage upload, CommitUpload) through",
                "Tencent's official upload SDK, to the real VOD or, with --vod-endpoint http://..., a local VOD."})
public final class UploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the media file")
    Path file;

    @Option(names = "--procedure", description = "task flow to start after the upload")
    String procedure;

    @Option(names = "--cover", paramLabel = "IMAGE", description = "cover image to upload with the media")
    Path cover;

    @Mixin
    ReceiverOptions options;

    @Override
    public Integer call() {
        Settings s = options.settings(System.getenv());
        Settings.appIdWarning(System.getenv(), s).ifPresent(w -> spec.commandLine().getErr()
                .println("vodhook: warning: " + w));
        String id = s.get("secret-id").orElseThrow(() -> new ConfigException("no secret-id: give --secret-id or env SECRET_ID"));
        String key = s.get("secret-key").orElseThrow(() -> new ConfigException("no secret-key: give --secret-key or env SECRET_KEY"));
        Optional<Long> subAppId = s.get("subappid").map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("subappid must be a whole number, got '" + v + "'");
            }
        });
        URI endpoint = URI.create(s.get("vod-endpoint").orElse("https://vod.tencentcloudapi.com"));
        ServerUpload upload = new ServerUpload(id, key, s.get("region").orElse("ap-guangzhou"), subAppId, endpoint);
        ServerUpload.Uploaded done = upload.upload(file, Optional.ofNullable(procedure), Optional.ofNullable(cover));
        PrintWriter out = spec.commandLine().getOut();
        out.println("FileId:    " + done.fileId());
        out.println("MediaUrl:  " + done.mediaUrl());
        if (!done.coverUrl().isEmpty()) {
            out.println("CoverUrl:  " + done.coverUrl());
        }
        out.println("RequestId: " + done.requestId());
        return 0;
    }
}
