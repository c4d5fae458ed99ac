package dev.storesync.fault;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withVariants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios 9 to 11, what a lease guarantees between instances (G5, G6): an instance paused in the middle of a slow
 * Store B write for longer than its lease writes nothing once it resumes; one stopped in the middle of a slow write
 * hands its task over only once its worker has stopped; and a Store B call that never answers frees its worker at the
 * attempt's deadline.
 */
@Tag("fault")
class LeaseFaultIT {
    private static final String LEASE_SECS = "6";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SIZES = List.of("S", "M");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void anInstancePausedPastItsLeaseWritesNothingWhenItResumes() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, true)) {
            ServiceProcess one = rig.startService(shortLeases(rig));
            long id = create(rig.a(), withVariants(product("Paused Tee", "PAUSED-1", 10), Map.of("Size", SIZES)));
            rig.awaitConverged(one);

            // instance 1 syncs a change; its first Store B write is slow, and it stands still in the middle of it
            rig.storeB().writeLatency(Duration.ofSeconds(3));
            long writes = rig.storeB().writesReceived();
            price(rig, id, 20);
            await().atMost(PATIENCE).until(() -> rig.storeB().writesReceived() > writes);
            one.pause();
            Instant pausedAt = Instant.now();
            rig.storeB().writeLatency(Duration.ZERO);

            // meanwhile the merchant changes it again, and instance 2 takes the task over once the lease ran out
            price(rig, id, 30);
            ServiceProcess two = rig.startService(shortLeases(rig));
            await().atMost(PATIENCE).until(() -> inStoreB(rig, "PAUSED-1", 30));

            Instant resumedAt = Instant.now();
            one.resume();
            await().atMost(PATIENCE)
                    .until(() -> FaultRig.metric(one, "storesync_syncs_total{outcome=\"lease_lost\"}") >= 1);
            Duration converged = rig.awaitConverged(two);

            assertThat(writesSince(rig, resumedAt))
                    .as("Store B writes after instance 1 resumed (paused %s s)", secondsSince(pausedAt))
                    .isEmpty();
            assertThat(inStoreB(rig, "PAUSED-1", 30))
                    .as("the newer change stays")
                    .isTrue();
            assertThat(one.output()).contains("its lease had been taken over");
            one.terminate();
            two.terminate();
            FaultRig.assertSound(rig.account("paused (SIGSTOP) past its lease mid-write, second instance", converged));
        }
    }

    @Test
    void aStoppingInstanceHandsItsTaskOverOnlyOnceItsWriteIsDone() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, true)) {
            Map<String, String> quickStop = shortLeases(rig);
            quickStop.put("SHUTDOWN_TIMEOUT_IN_SECS", "1");
            ServiceProcess one = rig.startService(quickStop);
            long id = create(rig.a(), withVariants(product("Stopped Tee", "STOPPED-1", 10), Map.of("Size", SIZES)));
            rig.awaitConverged(one);
            ServiceProcess two = rig.startService(shortLeases(rig));

            // a slow write of instance 1 (or 2: whichever took the task), and SIGTERM to that one in the middle of it
            rig.storeB().writeLatency(Duration.ofSeconds(5));
            long writes = rig.storeB().writesReceived();
            Instant editedAt = Instant.now();
            price(rig, id, 20);
            await().atMost(PATIENCE).until(() -> rig.storeB().writesReceived() > writes);
            ServiceProcess holder = holderOf(one, two, id);
            ServiceProcess other = holder == one ? two : one;
            holder.requestStop();
            rig.storeB().writeLatency(Duration.ZERO);

            assertThat(holder.awaitExit()).isIn(0, 143);
            Duration converged = rig.awaitConverged(other);

            List<RequestLog.Entry> productWrites = writesSince(rig, editedAt).stream()
                    .filter(e -> e.path().contains("/catalog/products/"))
                    .toList();
            assertThat(overlaps(productWrites))
                    .as("writes to the product while another was still in flight")
                    .isEmpty();
            assertThat(inStoreB(rig, "STOPPED-1", 20)).isTrue();
            other.terminate();
            FaultRig.assertSound(rig.account("SIGTERM mid-write, second instance", converged));
        }
    }

    @Test
    void aStoreBCallThatNeverAnswersFreesItsWorkerAtTheDeadline() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            Map<String, String> env = rig.environment();
            env.put("SYNC_CONCURRENCY", "1");
            env.put("SYNC_ATTEMPT_DEADLINE_IN_SECS", "3");
            env.put("API_TIMEOUT_IN_SECS", "600"); // the call itself would wait ten minutes
            ServiceProcess service = rig.startService(env);

            rig.storeB().hang(true);
            create(rig.a(), product("Hung Mug", "HUNG-1", 10));
            await().atMost(PATIENCE).until(() -> rig.storeB().leftUnanswered() == 1);
            rig.storeB().hang(false); // the call already sent stays unanswered
            Instant hung = Instant.now();
            create(rig.a(), product("Free Mug", "FREE-1", 10));

            Duration converged = rig.awaitConverged(service);
            assertThat(Duration.between(hung, Instant.now()))
                    .as("both synced with one worker, long before the hung call's timeout")
                    .isLessThan(Duration.ofSeconds(120));
            assertThat(service.output()).contains("ran past its deadline of 3 s");
            assertThat(FaultRig.tasks(service).getOrDefault("dead", 0L)).isZero();
            service.terminate();
            FaultRig.assertSound(rig.account("Store B call hung, attempt deadline 3 s, one worker", converged));
        }
    }

    private static Map<String, String> shortLeases(FaultRig rig) {
        Map<String, String> env = rig.environment();
        env.put("SYNC_LEASE_IN_SECS", LEASE_SECS);
        env.put("SYNC_REDELIVERY_PERIOD_IN_SECS", "1");
        return env;
    }

    /** The product's price and each of its variants' prices: a sync that writes the product, then its variants. */
    private static void price(FaultRig rig, long id, double price) {
        rig.edit(id, price);
        for (JsonNode variant : rig.a().variants.list(id, ListQuery.empty()).items()) {
            rig.a()
                    .variants
                    .update(
                            id,
                            variant.path("id").asLong(),
                            JsonNodeFactory.instance.objectNode().put("price", price));
        }
    }

    private static boolean inStoreB(FaultRig rig, String sku, double price) {
        JsonNode product = bySku(rig.b(), sku);
        if (product == null || product.path("price").asDouble() != price) {
            return false;
        }
        long id = product.path("id").asLong();
        return rig.b().variants.list(id, ListQuery.empty()).items().stream()
                .allMatch(v -> v.path("price").asDouble() == price);
    }

    private static List<RequestLog.Entry> writesSince(FaultRig rig, Instant since) {
        return rig.storeB().requests().entries().stream()
                .filter(e -> !e.method().equals("GET"))
                .filter(e -> e.ts().isAfter(since))
                .toList();
    }

    /** Pairs of writes where the later one arrived before the earlier one was answered. */
    private static List<String> overlaps(List<RequestLog.Entry> writes) {
        List<RequestLog.Entry> sorted = new ArrayList<>(writes);
        sorted.sort(java.util.Comparator.comparing(RequestLog.Entry::ts));
        List<String> overlaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            RequestLog.Entry before = sorted.get(i - 1);
            RequestLog.Entry after = sorted.get(i);
            if (after.ts().isBefore(before.ts().plusMillis(before.ms()))) {
                overlaps.add(before.operation() + " at " + before.ts() + " (" + before.ms() + " ms) and "
                        + after.operation() + " at " + after.ts());
            }
        }
        return overlaps;
    }

    /** The instance whose lease the product's task is under. */
    private static ServiceProcess holderOf(ServiceProcess one, ServiceProcess two, long id) throws Exception {
        String task = "storeb:product:" + id;
        for (JsonNode running : JSON.readTree(
                one.get(one.port(), "/admin/api/tasks?status=in_progress").body())) {
            if (running.path("id").asText().equals(task)) {
                // an instance is pid@host/random
                return running.path("leaseOwner").asText().startsWith(one.pid() + "@") ? one : two;
            }
        }
        throw new AssertionError(task + " is not running");
    }

    private static long secondsSince(Instant instant) {
        return Duration.between(instant, Instant.now()).toSeconds();
    }
}
