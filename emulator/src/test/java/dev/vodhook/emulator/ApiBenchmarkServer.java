package dev.vodhook.emulator;

import ch.qos.logback.classic.Level;
import com.tencentcloudapi.vod.v20180717.VodClient;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the server side of {@code emulator/bench/run.sh api}, in its own JVM so that the client's CPU can be
 * told apart. Starts a local VOD with the defaults, uploads a 160x90 clip and transcodes it to 100010 (so
 * DescribeMediaInfos has a typical answer), prints {@code READY <port> <FileId>} and runs until stdin closes.
 */
public final class ApiBenchmarkServer {

    private ApiBenchmarkServer() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            VodClient client = VodSdk.client(vod);
            String fileId = DirectUpload.upload(vod, TestClips.clip(160, 90)).getFileId();
            Tasks.awaitFinished(client, client.ProcessMedia(ProcessMediaTest.request(fileId, 100010)).getTaskId());
            System.out.println("READY " + vod.port() + " " + fileId);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our stdin (or dies)
            }
        }
    }
}
