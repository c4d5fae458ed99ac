package dev.storesync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.sandbox.http.StoreApi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server that simulates BigCommerce stores, each under {@code /stores/{hash}/v3}: its {@link #baseUrl()} is
 * what {@code STORE_A_API_URL} / {@code STORE_B_API_URL} take. Runs on its own Vert.x instance, independent of Camel.
 */
public final class Simulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/stores/";

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final Map<String, SimulatedStore> stores = new ConcurrentHashMap<>();

    private Simulator(Vertx vertx, HttpServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
    }

    /** Starts serving on {@code host:port} (port 0: any free port). */
    public static Simulator start(String host, int port) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        HttpServer server = vertx.createHttpServer();
        Simulator simulator = new Simulator(vertx, server, host);
        router.route().handler(BodyHandler.create().setBodyLimit(16 * 1024 * 1024));
        router.route(PREFIX + ":hash/v3/*").blockingHandler(simulator::handle, false);
        router.route().handler(ctx -> ctx.response().setStatusCode(404).end());
        try {
            server.requestHandler(router)
                    .listen(port, host)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the simulator cannot listen on " + host + ":" + port, e);
        }
        return simulator;
    }

    public SimulatedStore addStore(StoreOptions options) {
        SimulatedStore store = new SimulatedStore(options);
        if (stores.putIfAbsent(options.hash(), store) != null) {
            store.close();
            throw new IllegalArgumentException("a store with hash " + options.hash() + " exists already");
        }
        return store;
    }

    public SimulatedStore store(String hash) {
        return stores.get(hash);
    }

    /** Stops serving a store: every request for its hash is then a 404, as for a mistyped store hash. */
    public void removeStore(String hash) {
        SimulatedStore store = stores.remove(hash);
        if (store != null) {
            store.close();
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The API base URL of every store served here; {@code /stores/{hash}/v3/...} is appended by clients. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    private void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        Instant arrived = Instant.now();
        String path = ctx.request().path();
        String hash = ctx.pathParam("hash");
        String apiPath = path.substring((PREFIX + hash + "/v3").length());
        String rawQuery = ctx.request().query() == null ? "" : ctx.request().query();
        String body = ctx.body() == null ? null : ctx.body().asString();
        SimulatedStore store = stores.get(hash);
        StoreApi.Served served = store == null
                ? StoreApi.Served.of(StoreApi.error(404, "The store does not exist"))
                : store.serve(
                        ctx.request().method().name(),
                        apiPath,
                        rawQuery,
                        body,
                        ctx.request().getHeader("X-Auth-Token"),
                        ctx.request().getHeader("Content-Type"));
        if (store != null && store.leaveUnanswered()) {
            return; // accepted and never answered: the connection stays open until the client gives up
        }
        long latency =
                store == null ? 0 : store.latency(ctx.request().method().name()).toMillis();
        boolean lose =
                store != null && store.loseThisAnswer(ctx.request().method().name());
        Runnable respond = () -> {
            // logged before the answer leaves, so that a client holding the answer finds its request in the log
            if (store != null) {
                long ms = (System.nanoTime() - started) / 1_000_000;
                store.requests()
                        .record(new RequestLog.Entry(
                                arrived,
                                ctx.request().method().name(),
                                path,
                                rawQuery,
                                parseOrNull(body),
                                served.answer().status(),
                                ms,
                                served.answer().body(),
                                served.headers(),
                                served.operation() == null
                                        ? ctx.request().method().name() + " " + apiPath
                                        : served.operation()));
            }
            if (lose) {
                ctx.request().connection().close();
            } else {
                respond(ctx.response(), served);
            }
        };
        if (latency > 0) {
            vertx.setTimer(latency, id -> respond.run());
        } else {
            respond.run();
        }
    }

    private static void respond(HttpServerResponse response, StoreApi.Served served) {
        response.setStatusCode(served.answer().status());
        served.headers().forEach(response::putHeader);
        if (served.answer().body() == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json");
            response.end(Buffer.buffer(served.answer().body().toString()));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        stores.values().forEach(SimulatedStore::close);
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }
}
