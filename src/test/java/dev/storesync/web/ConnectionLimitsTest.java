package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server built through {@link ServerVertx}, as Camel builds its two: idle connections are closed, connections beyond
 * the limit are refused, and what no route answers is JSON.
 */
class ConnectionLimitsTest {
    private Vertx real;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        real = Vertx.vertx();
        ConnectionLimits limits = new ConnectionLimits(1, 2);
        Vertx vertx = ServerVertx.wrap(real, limits::apply, limits::apply, ConnectionLimits::apply);
        Router router = Router.router(vertx);
        router.get("/here").handler(ctx -> ctx.response().end("here"));
        // as Camel does: create, then hand it the router, then listen
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        real.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anIdleConnectionIsClosed() {
        try (RawHttp idle = RawHttp.connect(server.actualPort())) {
            // nothing sent: the server hangs up after the idle timeout (1 s here), well before the reader's 15 s
            RawHttp.Answer answer = idle.readUntilClosed();

            assertThat(answer.closed()).isTrue();
            assertThat(answer.text()).isEmpty();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() {
        try (RawHttp first = RawHttp.connect(server.actualPort());
                RawHttp second = RawHttp.connect(server.actualPort())) {
            assertThat(first.head("GET /here HTTP/1.1", "Host: 127.0.0.1")
                            .readAnswer()
                            .body())
                    .isEqualTo("here");
            assertThat(second.head("GET /here HTTP/1.1", "Host: 127.0.0.1")
                            .readAnswer()
                            .body())
                    .isEqualTo("here");
            try (RawHttp third = RawHttp.connect(server.actualPort())) {
                RawHttp.Answer refused =
                        third.head("GET /here HTTP/1.1", "Host: 127.0.0.1").readUntilClosed();

                assertThat(refused.closed()).isTrue();
                assertThat(refused.text()).isEmpty();
            }
        }
    }

    @Test
    void whatNoRouteAnswersIsJson() {
        try (RawHttp raw = RawHttp.connect(server.actualPort())) {
            RawHttp.Answer missing =
                    raw.head("GET /nothing HTTP/1.1", "Host: 127.0.0.1").readAnswer();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).contains("\"error\":\"not_found\"");

            RawHttp.Answer wrongMethod = raw.head("POST /here HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 0")
                    .readAnswer();
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.body()).contains("\"error\":\"method_not_allowed\"");
        }
        try (RawHttp raw = RawHttp.connect(server.actualPort())) {
            RawHttp.Answer undecodable = raw.send("NOT HTTP AT ALL\r\n\r\n").readUntilClosed();
            assertThat(undecodable.status()).as(undecodable.text()).isEqualTo(400);
            assertThat(undecodable.body()).contains("\"error\":\"bad_request\"");
        }
    }
}
