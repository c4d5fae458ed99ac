package dev.storesync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.StoresyncApplication;
import dev.storesync.testsupport.Ports;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The intake route as Camel Main loads it from routes/intake.camel.yaml, exercised without HTTP: a stored webhook wakes
 * the dispatcher, a refused one does not, and answers carry no request header.
 */
@CamelMainTest(
        mainClass = StoresyncApplication.class,
        mockEndpoints = "seda:dispatch-wakeup*",
        properties = {
            "storesync.store-a.hash=storea",
            "storesync.store-a.access-token=token-a-0123456789",
            "storesync.store-b.hash=storeb",
            "storesync.store-b.access-token=token-b-0123456789",
            "storesync.webhook-secret=" + RunningService.SECRET,
            "camel.server.host=127.0.0.1",
            "camel.management.host=127.0.0.1"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeRouteTest {
    private static final List<String> DYNAMIC =
            List.of("storesync.port", "storesync.management-port", "storesync.data-dir");

    // Camel's properties component reads JVM system properties first: the one way to give @CamelMainTest free ports
    // and a fresh data directory, which annotation values cannot be. Set before the extension builds the context.
    static {
        System.setProperty("storesync.port", Integer.toString(Ports.free()));
        System.setProperty("storesync.management-port", Integer.toString(Ports.free()));
        try {
            System.setProperty(
                    "storesync.data-dir",
                    Files.createTempDirectory("storesync-route-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EndpointInject("mock:seda:dispatch-wakeup")
    MockEndpoint wakeUps;

    @Produce("direct:store-webhook")
    ProducerTemplate intake;

    @BeforeEach
    void resetMock() {
        wakeUps.reset();
    }

    @AfterAll
    void clearSystemProperties() throws IOException {
        Path dataDir = Path.of(System.getProperty("storesync.data-dir"));
        DYNAMIC.forEach(System::clearProperty);
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private Exchange post(String secret, String body) {
        return intake.send(exchange -> {
            exchange.getMessage().setHeader("X-Webhook-Secret", secret);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void aStoredWebhookWakesTheDispatcher() throws InterruptedException {
        wakeUps.expectedMessageCount(1);

        Exchange answer = post(RunningService.SECRET, Webhooks.product("updated", 11, 1_700_000_000L));

        wakeUps.assertIsSatisfied();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(answer.getMessage().getBody(String.class)).contains("\"status\":\"accepted\"");
    }

    @Test
    void aRefusedWebhookDoesNot() {
        // the route is synchronous up to the wake-up: had it been sent, the mock would have it when send returns
        // (the secret is the webhook door's, ahead of the route: WebhookDoorTest)
        Exchange invalid = post(RunningService.SECRET, "{\"scope\":\"store/product/updated\"}");

        assertThat(invalid.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(wakeUps.getReceivedCounter()).isZero();
    }

    @Test
    void answersCarryOnlyTheirOwnHeaders() {
        Exchange answer = post(RunningService.SECRET, Webhooks.product("updated", 13, 1_700_000_000L));

        assertThat(answer.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE)
                .doesNotContainKey("X-Webhook-Secret");
    }
}
