package dev.storesync.testsupport;

import com.mongodb.client.MongoDatabase;
import dev.storesync.StoresyncApplication;
import dev.storesync.persistence.Database;
import dev.storesync.queue.TaskQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import storesync.fixtures.BeanOverrides;

/**
 * The whole service, started in-process exactly as the jar starts it ({@link StoresyncApplication#newMain}), on free
 * ports and its own data directory, with test settings layered over {@code application.properties}.
 */
public final class RunningService implements AutoCloseable {
    public static final String SECRET = "test-webhook-secret-0123456789";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;
    private final int managementPort;

    private RunningService(Main main, int port, int managementPort) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private boolean sync;

        private Builder() {
            properties.put("storesync.store-a.hash", "storea");
            properties.put("storesync.store-a.access-token", "token-a-0123456789");
            properties.put("storesync.store-b.hash", "storeb");
            properties.put("storesync.store-b.access-token", "token-b-0123456789");
            properties.put("storesync.webhook-secret", SECRET);
            properties.put("storesync.sync.period-secs", "1");
            properties.put("storesync.sync.redelivery-period-secs", "1");
            properties.put("storesync.sync.retry-base-ms", "200");
            properties.put("storesync.sync.retry-max-ms", "1000");
            properties.put("storesync.sync.lease-secs", "3");
            // the nightly reconcile never fires during a test (a test run at 03:00 would meet one)
            properties.put("storesync.reconcile.cron", "0 0 3 1 1 ? 2099");
            properties.put("storesync.mongodb.timeout-ms", "1000");
            properties.put("storesync.shutdown-timeout-secs", "5");
            // nothing leaves the machine: a sync that runs meets a closed port, not api.bigcommerce.com
            properties.put("storesync.store-a.api-url", "http://127.0.0.1:9");
            properties.put("storesync.store-b.api-url", "http://127.0.0.1:9");
            // servers in tests listen on loopback only
            properties.put("camel.server.host", "127.0.0.1");
            properties.put("camel.management.host", "127.0.0.1");
        }

        /** Uses the embedded database stored in {@code dir}. */
        public Builder dataDir(java.nio.file.Path dir) {
            return property("storesync.data-dir", dir.toString());
        }

        /** Uses an external MongoDB-compatible server instead of the embedded one. */
        public Builder mongoUri(String uri) {
            return property("storesync.mongodb.uri", uri);
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder bean(String name, Object bean) {
            beans.put(name, bean);
            return this;
        }

        /**
         * Installs the real sync handlers. Without this, their bean names are taken by placeholders that are no handlers,
         * so tasks of intake and queue tests wait in the queue instead of calling stores that are not there.
         */
        public Builder withSync() {
            this.sync = true;
            return this;
        }

        public RunningService start() {
            if (!properties.containsKey("storesync.data-dir") && !properties.containsKey("storesync.mongodb.uri")) {
                throw new IllegalStateException("choose dataDir(...) or mongoUri(...)");
            }
            int port = Ports.free();
            int managementPort = Ports.free();
            Map<String, String> overrides = new LinkedHashMap<>(properties);
            overrides.putIfAbsent("storesync.port", Integer.toString(port));
            overrides.putIfAbsent("storesync.management-port", Integer.toString(managementPort));
            Main main = StoresyncApplication.newMain(overrides);
            if (!sync) {
                beans.putIfAbsent("productHandler", "no product sync in this test");
                beans.putIfAbsent("categoryHandler", "no category sync in this test");
                beans.putIfAbsent("brandHandler", "no brand sync in this test");
            }
            main.configure().addConfiguration(new BeanOverrides(beans));
            try {
                main.start();
            } catch (Exception e) {
                throw new IllegalStateException("storesync did not start", e);
            }
            return new RunningService(
                    main,
                    Integer.parseInt(overrides.get("storesync.port")),
                    Integer.parseInt(overrides.get("storesync.management-port")));
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public TaskQueue queue() {
        return bean("taskQueue", TaskQueue.class);
    }

    public MongoDatabase db() {
        return bean("database", Database.class).mongo();
    }

    /** POSTs a webhook with the right secret and content type. */
    public HttpResponse<String> postWebhook(String body) {
        return post("/webhooks", body, Map.of("X-Webhook-Secret", SECRET, "Content-Type", "application/json"));
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        return postTo(port, path, body, headers);
    }

    public HttpResponse<String> postTo(int onPort, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(int onPort, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus scrape of the management port. */
    public String scrape() {
        return get(managementPort(), "/observe/metrics").body();
    }

    /** The value of one series (name and labels) in a fresh scrape, or null when it is absent. */
    public Double metric(String series) {
        return value(scrape(), series);
    }

    /** The value of one series in a Prometheus text scrape, or null when it is absent. */
    public static Double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return null;
    }

    /** Graceful stop, as on SIGTERM. */
    public void stop() {
        main.stop();
    }

    @Override
    public void close() {
        if (!main.isStopped()) {
            main.stop();
        }
    }
}
