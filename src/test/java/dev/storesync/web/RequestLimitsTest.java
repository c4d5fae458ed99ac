package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.testsupport.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bytes being read at once are capped across requests, and a body that does not arrive in time is cut off. */
class RequestLimitsTest {
    private static final long BUDGET = 2_000;
    private final RequestLimits limits = new RequestLimits(1_500, BUDGET, 500);
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            if (limits.admit(ctx)) {
                ctx.next();
            }
        });
        router.route().handler(BodyHandler.create().setBodyLimit(1_500));
        router.route().handler(ctx -> ctx.response().end("read " + ctx.body().length()));
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bodiesBeingReadShareOneBudget() {
        try (RawHttp first = announce(1_000);
                RawHttp second = announce(1_000)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> limits.inFlight() == 2_000);

            RawHttp.Answer third = announce(1_000).readUntilClosed();

            assertThat(third.status()).as(third.text()).isEqualTo(503);
            assertThat(third.body()).contains("\"error\":\"busy\"");
            assertThat(limits.inFlight()).isEqualTo(2_000);

            first.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> limits.inFlight() == 1_000);
            try (RawHttp fourth = announce(1_000)) {
                RawHttp.Answer read = fourth.send("x".repeat(1_000)).readAnswer();
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.body()).isEqualTo("read 1000");
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> limits.inFlight() == 0);
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsCutOff() {
        try (RawHttp slow = announce(100)) {
            RawHttp.Answer answer = slow.send("only ten b").readUntilClosed();

            assertThat(answer.status()).as(answer.text()).isEqualTo(408);
            assertThat(answer.closed()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> limits.inFlight() == 0);
    }

    private RawHttp announce(int length) {
        return RawHttp.connect(server.actualPort())
                .head("POST /anything HTTP/1.1", "Host: 127.0.0.1", "Content-Length: " + length);
    }
}
