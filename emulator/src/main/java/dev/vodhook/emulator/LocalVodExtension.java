package dev.vodhook.emulator;

import com.qcloud.vod.VodUploadClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.vod.v20180717.VodClient;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: a local VOD on a free port for a test class (registered on a static field) or for each test (on an
 * instance field), with the official SDK clients pointed at it:
 * <pre>
 * &#64;RegisterExtension
 * static LocalVodExtension vod = LocalVodExtension.create(config -&gt; config.withPushLoop(false));
 *
 * &#64;Test
 * void uploads(VodClient client) throws Exception {
 *     client.ApplyUpload(...);                       // or vod.client(), vod.uploadClient()
 *     vod.localVod().runDuePushes();
 *     assertThat(vod.deliveries().ofType("NewFileUpload")).hasSize(1);
 * }
 * </pre>
 * Unless the configuration names a NotificationUrl, the default application pushes to the emulator's own
 * {@code /_emulator/callback} (HTTP 200), so {@link #deliveries()} journals every event. Test and lifecycle methods
 * can take {@link LocalVod}, {@link VodClient}, {@link VodUploadClient}, {@link DeliveryJournal} and {@link Faults}
 * parameters. Needs {@code junit-jupiter-api} and {@code tencentcloud-sdk-java-vod} on the test class path, and
 * {@code vod_api} for the upload client (optional dependencies of this module).
 */
public final class LocalVodExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    /** By name, so that a test class path without {@code vod_api} works as long as it needs no upload client. */
    private static final Set<String> RESOLVED = Set.of(LocalVod.class.getName(), VodClient.class.getName(),
            "com.qcloud.vod.VodUploadClient", DeliveryJournal.class.getName(), Faults.class.getName());

    private final UnaryOperator<EmulatorConfig> configure;
    private final boolean resetAfterEachTest;
    private LocalVod vod;
    private String startedBy;

    private LocalVodExtension(UnaryOperator<EmulatorConfig> configure, boolean resetAfterEachTest) {
        this.configure = configure;
        this.resetAfterEachTest = resetAfterEachTest;
    }

    /** With {@link EmulatorConfig#defaults()}. */
    public static LocalVodExtension create() {
        return create(UnaryOperator.identity());
    }

    /** With the defaults changed by {@code configure}, e.g. {@code c -> c.withClock(clock).withPushLoop(false)}. */
    public static LocalVodExtension create(UnaryOperator<EmulatorConfig> configure) {
        return new LocalVodExtension(configure, false);
    }

    /**
     * The same, but a class-wide local VOD forgets everything after each test ({@link LocalVod#reset()}: media,
     * tasks, deliveries, faults, stored files). By default state is kept from test to test.
     */
    public LocalVodExtension resettingAfterEachTest() {
        return new LocalVodExtension(configure, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!stop(context) && resetAfterEachTest && vod != null) {
            vod.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop(context);
    }

    /** The running local VOD. */
    public LocalVod localVod() {
        if (vod == null) {
            throw new IllegalStateException("the local VOD runs only while a test of the class that registered the"
                    + " extension runs");
        }
        return vod;
    }

    /** An official API client with the configured key: {@code HttpProfile} endpoint {@code host:port}, http. */
    public VodClient client() {
        return client(new Credential(localVod().config().secretId(), localVod().config().secretKey()));
    }

    /** An official API client with other credentials (a wrong key, or ApplyUpload's temporary ones). */
    public VodClient client(Credential credential) {
        return client(localVod().endpoint(), credential, localVod().config().region(), profile -> { });
    }

    /**
     * An official API client of the local VOD at {@code endpoint} ({@code host:port}, http), the one place the
     * emulator's tests build one; {@code tune} adjusts its profile (timeouts, unsigned payload).
     */
    public static VodClient client(String endpoint, Credential credential, String region,
            Consumer<ClientProfile> tune) {
        HttpProfile http = new HttpProfile();
        http.setEndpoint(endpoint);
        http.setProtocol(HttpProfile.REQ_HTTP);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        tune.accept(profile);
        return new VodClient(credential, region, profile);
    }

    /** The official upload SDK, with the local VOD as its HTTP proxy (vod-protocol.md §6.2). */
    public VodUploadClient uploadClient() {
        HttpProfile proxy = new HttpProfile();
        proxy.setProxyHost(localVod().config().host());
        proxy.setProxyPort(localVod().port());
        proxy.setProtocol(HttpProfile.REQ_HTTP);
        return new VodUploadClient(localVod().config().secretId(), localVod().config().secretKey(), proxy);
    }

    /** Every push delivery and its attempts. */
    public DeliveryJournal deliveries() {
        return localVod().deliveries();
    }

    /** Faults to inject into the next API calls and pushes. */
    public Faults faults() {
        return localVod().faults();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType().getName());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == VodClient.class) {
            return client();
        }
        if (type.getName().equals("com.qcloud.vod.VodUploadClient")) {
            return uploadClient();
        }
        if (type == DeliveryJournal.class) {
            return deliveries();
        }
        if (type == Faults.class) {
            return faults();
        }
        return localVod();
    }

    private void start(ExtensionContext context) {
        if (vod != null) {
            return;
        }
        vod = LocalVod.start(configure.apply(EmulatorConfig.defaults()));
        vod.pushToOwnCallback();
        startedBy = context.getUniqueId();
    }

    /** Stops the local VOD if {@code context} started it; whether it did. */
    private boolean stop(ExtensionContext context) {
        if (vod == null || !context.getUniqueId().equals(startedBy)) {
            return false;
        }
        try {
            vod.close();
        } finally {
            vod = null;
            startedBy = null;
        }
        return true;
    }
}
