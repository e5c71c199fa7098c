package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigFileOptions;
import dev.vodhook.cli.config.ConfigGroup;
import dev.vodhook.cli.config.GroupOptions;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.ServiceConfig;
import java.io.PrintWriter;
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
        description = {"Uploads a media file to VOD by server upload.",
                "ApplyUpload, storage upload and CommitUpload through Tencent's official upload SDK, to the real VOD"
                        + " or, with --vod-endpoint http://..., a local VOD."})
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
    ConfigFileOptions config;

    @Mixin
    GroupOptions vod = new GroupOptions(ConfigGroup.VOD);

    @Override
    public Integer call() {
        Settings s = config.settings(System.getenv(), vod.flags());
        Settings.appIdWarning(System.getenv(), s).ifPresent(w -> spec.commandLine().getErr()
                .println("vodhook: warning: " + w));
        ServiceConfig c = VodAccess.config(s);
        ServerUpload upload = new ServerUpload(c.secretId(), c.secretKey(), c.region(), c.subAppId(), c.vodEndpoint());
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
