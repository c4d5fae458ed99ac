package dev.storesync.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.sandbox.WebhookSender;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 12: for 30 s, 200 connections upload 1 MiB bodies slowly without the secret, reconnecting whenever they
 * are cut off, while Store A keeps delivering real webhooks. The jar runs with the Dockerfile's JVM options (a 128 MB
 * heap). Before the webhook door, each upload was read into memory before its secret was checked: the heap ran out,
 * the embedded database's writer died, and every webhook was answered 503 until a restart while health said UP.
 */
@Tag("fault")
class UploadFloodFaultIT {
    private static final int ATTACKERS = 200;
    private static final Duration FLOOD = Duration.ofSeconds(30);
    private static final int BODY = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void slowUploadsWithoutTheSecretTakeNothingDown() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            Map<String, String> env = rig.environment();
            ServiceProcess service = rig.startService(env, ServiceProcess.RECOMMENDED_JVM_OPTIONS);
            List<Long> ids = rig.seed("FLOOD", 20);
            Flood flood = new Flood(service.port());
            Map<Integer, AtomicLong> readiness = new ConcurrentHashMap<>();
            ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
            probe.scheduleAtFixedRate(
                    () -> readiness
                            .computeIfAbsent(readiness(service), s -> new AtomicLong())
                            .incrementAndGet(),
                    0,
                    1,
                    TimeUnit.SECONDS);

            ExecutorService attackers = flood.start();
            rig.editFor(ids, FLOOD);
            flood.stop(attackers);
            probe.shutdownNow();
            assertThat(probe.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            Duration converged = rig.awaitConverged(service);
            List<WebhookSender.Delivery> deliveries = rig.storeA().webhooks().deliveries();
            System.out.printf(
                    "upload flood: %d connections, %d refused with 401 before their body, %d MiB sent by the attackers"
                            + " in all; readiness answers %s; Store A's deliveries answered %s%n",
                    flood.connections.get(),
                    flood.refused.get(),
                    flood.bytesSent.get() / BODY,
                    readiness,
                    deliveries.stream()
                            .collect(java.util.stream.Collectors.groupingBy(
                                    WebhookSender.Delivery::status, java.util.stream.Collectors.counting())));

            assertThat(service.alive()).as("the process survived").isTrue();
            assertThat(flood.connections.get()).as("the flood ran").isGreaterThan(ATTACKERS);
            assertThat(flood.refused.get()).isGreaterThan(ATTACKERS);
            assertThat(flood.bytesSent.get())
                    .as("attackers were cut off long before they sent their megabyte")
                    .isLessThan((long) flood.connections.get() * BODY / 4);
            assertThat(readiness.keySet()).as("ready throughout").containsOnly(200);
            assertThat(deliveries)
                    .as("Store A's webhooks were answered 200, or 503 to be retried")
                    .allSatisfy(d -> assertThat(d.status()).isIn(200, 503));
            assertThat(service.postWebhook(Webhooks.product("updated", ids.get(0), 1_800_000_000L))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(service.get(service.port(), "/admin/api/status").statusCode())
                    .isEqualTo(200);
            service.terminate();
            FaultRig.assertSound(rig.account("200 slow 1 MiB uploads without the secret, 30 s", converged));
        }
    }

    private static int readiness(ServiceProcess service) {
        try {
            return service.get(service.managementPort(), "/observe/health/ready")
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }

    /** Attackers who announce a megabyte, send it 8 KiB at a time, and reconnect when cut off. */
    private static final class Flood {
        final int port;
        final AtomicLong connections = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong bytesSent = new AtomicLong();
        volatile boolean over;

        Flood(int port) {
            this.port = port;
        }

        ExecutorService start() {
            ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
            for (int i = 0; i < ATTACKERS; i++) {
                attackers.execute(this::attack);
            }
            return attackers;
        }

        void stop(ExecutorService attackers) throws InterruptedException {
            over = true;
            attackers.shutdown();
            assertThat(attackers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        private void attack() {
            byte[] chunk = new byte[8 * 1024];
            while (!over) {
                connections.incrementAndGet();
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(1);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    out.write(("POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + BODY + "\r\nX-Webhook-Secret: guess\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    for (int sent = 0; sent < BODY && !over; sent += chunk.length) {
                        if (answered(in)) {
                            break;
                        }
                        out.write(chunk);
                        bytesSent.addAndGet(chunk.length);
                        // the attacker's pace, not a wait for the service: slow uploads are the attack
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                    }
                } catch (IOException e) {
                    // cut off mid-write: the service hung up
                }
            }
        }

        private boolean answered(InputStream in) throws IOException {
            try {
                byte[] head = new byte[12];
                int n = in.readNBytes(head, 0, head.length);
                if (n == 0) {
                    return true;
                }
                if (new String(head, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 401")) {
                    refused.incrementAndGet();
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }
}
