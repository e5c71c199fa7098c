package dev.vodhook.service.vod;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.vod.v20180717.VodClient;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Builds the official SDK's {@link VodClient} for an endpoint ({@code scheme://host[:port]}), the
 * one way {@link VodApi} and {@link VodEventQueue} talk to VOD.
 *
 * <p>The SDK makes a new OkHttp client for every call; those share OkHttp's process-wide connection
 * pool, which keeps 5 idle connections unless the {@code http.maxConnections} system property says
 * otherwise. Pull loops, their confirmations and the processor's calls need more at once, and every
 * call beyond the pool opened a new TCP (and TLS) connection; so, unless the operator set it, the
 * pool keeps {@link #KEPT_CONNECTIONS}. The property is read once, when OkHttp's pool is first
 * loaded, which is why it is set here before any client exists.
 */
public final class VodClients {
    static final int KEPT_CONNECTIONS = 64;
    private static final Duration SDK_TIMEOUT = Duration.ofSeconds(60);

    static {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(KEPT_CONNECTIONS));
        }
    }

    private VodClients() {}

    /** A client with the SDK's own timeouts (60 s to connect and to read), as tests and benchmarks use. */
    public static VodClient create(URI endpoint, String secretId, String secretKey, String region) {
        return create(endpoint, secretId, secretKey, region, SDK_TIMEOUT, SDK_TIMEOUT);
    }

    public static VodClient create(URI endpoint, String secretId, String secretKey, String region,
            Duration connectTimeout, Duration readTimeout) {
        return onFirstUse(endpoint, secretId, secretKey, region, connectTimeout, readTimeout).get();
    }

    /**
     * A client built at the first {@code get()} and kept: the SDK's client sets up TLS when it is made (about a
     * tenth of a receiver's start on one core), which a receiver that never calls VOD, or not yet, need not wait
     * for. The endpoint is checked now.
     */
    public static Supplier<VodClient> onFirstUse(URI endpoint, String secretId, String secretKey, String region,
            Duration connectTimeout, Duration readTimeout) {
        HttpProfile http = new HttpProfile();
        http.setEndpoint(hostAndPort(endpoint));
        http.setProtocol("http".equalsIgnoreCase(endpoint.getScheme()) ? HttpProfile.REQ_HTTP : HttpProfile.REQ_HTTPS);
        http.setReqMethod(HttpProfile.REQ_POST);
        http.setConnTimeout(seconds(connectTimeout));
        http.setReadTimeout(seconds(readTimeout));
        http.setWriteTimeout(seconds(readTimeout));
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        Credential credential = new Credential(secretId, secretKey);
        return new Supplier<>() {
            private VodClient client;

            @Override
            public synchronized VodClient get() {
                if (client == null) {
                    client = new VodClient(credential, region, profile);
                }
                return client;
            }
        };
    }

    private static int seconds(Duration timeout) {
        return (int) Math.max(1, timeout.toSeconds());
    }

    private static String hostAndPort(URI endpoint) {
        if (endpoint.getHost() == null || (endpoint.getPath() != null && !endpoint.getPath().isEmpty()
                && !endpoint.getPath().equals("/"))) {
            throw new IllegalArgumentException("VOD endpoint must be scheme://host[:port], got " + endpoint);
        }
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }
}
