package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import dev.vodhook.signing.Tc3Authorization;
import dev.vodhook.signing.Tc3Signer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the official Java SDK signs when its endpoint is overridden (vod-protocol.md §1.3), caught by a bare HTTP
 * server and recomputed with {@link Tc3Signer}: the service in the scope is derived from the endpoint (its first
 * dot-separated label), the host is the endpoint with its port. The emulator's verifier takes the service from the
 * scope, so only this test would notice if the derivation changed.
 */
class SdkSignatureTest {

    private static final String SECRET_ID = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "SECRETKEYEXAMPLE";

    private HttpServer server;
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private volatile byte[] body;

    @BeforeEach
    void startCapturingServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            body = exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"Response\":{\"Mode\":\"PUSH\",\"RequestId\":\"r-1\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anIpEndpointIsSignedWithItsFirstLabelAsTheServiceAndTheHostWithItsPort() throws Exception {
        String endpoint = "127.0.0.1:" + server.getAddress().getPort();

        Tc3Authorization auth = callThrough(endpoint);

        assertThat(auth.service()).isEqualTo("127");
        assertSignedAs("127", endpoint, auth);
    }

    @Test
    void aLocalhostEndpointHasNoDotSoTheWholeEndpointIsTheService() throws Exception {
        String endpoint = "localhost:" + server.getAddress().getPort();

        Tc3Authorization auth = callThrough(endpoint);

        assertThat(auth.service()).isEqualTo(endpoint);
        assertSignedAs(endpoint, endpoint, auth);
    }

    /** One DescribeEventConfig by the official SDK at {@code endpoint}; the Authorization it sent. */
    private Tc3Authorization callThrough(String endpoint) throws Exception {
        VodClient client = LocalVodExtension.client(endpoint, new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou",
                profile -> { });

        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PUSH");

        return Tc3Authorization.parse(headers.get("authorization")).orElseThrow();
    }

    /** The SDK's signature is the one {@link Tc3Signer} makes for this service and host over what was sent. */
    private void assertSignedAs(String service, String host, Tc3Authorization auth) {
        long timestamp = Long.parseLong(headers.get("x-tc-timestamp"));
        assertThat(headers.get("host")).isEqualTo(host);
        assertThat(auth.secretId()).isEqualTo(SECRET_ID);
        assertThat(auth.date()).isEqualTo(Tc3Signer.scopeDate(timestamp));
        assertThat(auth.signedHeaders()).isEqualTo(Tc3Signer.SIGNED_HEADERS);
        assertThat(auth.signature()).isEqualTo(Tc3Signer.signature(SECRET_KEY, service, host,
                headers.get("content-type"), timestamp, Tc3Signer.sha256Hex(body)));
    }
}
