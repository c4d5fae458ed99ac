package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.ApiRequest;
import dev.storesync.bigcommerce.BigCommerceClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a compared page straight to Store B, for a first import: field changes of many products go out in batches of
 * ten ({@code PUT /catalog/products}) and variant changes in batches of fifty ({@code PUT /catalog/variants}); creates
 * and other writes run side by side, as many at once as the store's quota and latency keep busy. The rate-limit gate
 * paces every call. What fails here is handed over to the queue, which retries it as a task.
 */
public final class Backfill {
    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    static final int PRODUCT_BATCH = 10;
    static final int VARIANT_BATCH = 50;
    private static final Pattern PRODUCT_PUT = Pattern.compile("/catalog/products/\\d+");

    private final BigCommerceClient storeB;
    private final ProductSteps steps;
    private final IdMap idMap;

    Backfill(BigCommerceClient storeB, ProductSteps steps, IdMap idMap) {
        this.storeB = storeB;
        this.steps = steps;
        this.idMap = idMap;
    }

    /** @param handedOver Store A products the queue should sync instead */
    public record Result(int written, int batchCalls, int concurrency, List<Long> handedOver) {}

    public Result apply(ComparedPage page) {
        List<ComparedPage.Item> batchable = new ArrayList<>();
        List<ComparedPage.Item> oneByOne = new ArrayList<>();
        List<Long> handedOver = Collections.synchronizedList(new ArrayList<>());
        for (ComparedPage.Item item : page.items()) {
            if (item.plan().isEmpty()) {
                handedOver.add(item.source().id());
            } else if (item.match().isPresent()
                    && item.plan().get().writes().stream().allMatch(Backfill::batchable)) {
                batchable.add(item);
            } else {
                oneByOne.add(item);
            }
        }
        int concurrency = concurrency(storeB.pace());
        AtomicInteger written = new AtomicInteger();
        int batchCalls = writeBatches(batchable, written, handedOver);
        writeOneByOne(oneByOne, concurrency, written, handedOver);
        return new Result(written.get(), batchCalls, concurrency, List.copyOf(handedOver));
    }

    /**
     * Enough calls in flight to spend the quota over the call latency (Little's law, doubled for the time between calls),
     * between 2 and 16; 4 while the quota is not known yet.
     */
    static int concurrency(BigCommerceClient.Pace pace) {
        long quota = pace.rateLimit().quota();
        long windowMs = pace.rateLimit().windowMs();
        if (quota <= 0 || windowMs <= 0) {
            return 4;
        }
        double perMs = (double) quota / windowMs;
        double latencyMs = Math.max(1, pace.typicalLatency().toMillis());
        return (int) Math.max(2, Math.min(16, Math.ceil(perMs * latencyMs * 2)));
    }

    static boolean batchable(PlannedWrite write) {
        ApiRequest request = write.request();
        if (request.method() != ApiRequest.Method.PUT) {
            return false;
        }
        if (request.path().equals("/catalog/variants")) {
            return true;
        }
        // images and custom fields are nested objects of the single-product update only
        return PRODUCT_PUT.matcher(request.path()).matches()
                && request.body() instanceof ObjectNode body
                && !body.has("images")
                && !body.has("custom_fields");
    }

    private int writeBatches(List<ComparedPage.Item> items, AtomicInteger written, List<Long> handedOver) {
        int calls = 0;
        for (int from = 0; from < items.size(); from += PRODUCT_BATCH) {
            List<ComparedPage.Item> chunk = items.subList(from, Math.min(items.size(), from + PRODUCT_BATCH));
            ArrayNode products = JsonNodeFactory.instance.arrayNode();
            List<JsonNode> variants = new ArrayList<>();
            for (ComparedPage.Item item : chunk) {
                for (PlannedWrite write : item.plan().orElseThrow().writes()) {
                    if (write.request().path().equals("/catalog/variants")) {
                        ((ArrayNode) write.request().body()).forEach(variants::add);
                    } else {
                        long id = Long.parseLong(write.request().path().substring("/catalog/products/".length()));
                        products.add(
                                ((ObjectNode) write.request().body()).deepCopy().put("id", id));
                    }
                }
            }
            try {
                if (!products.isEmpty()) {
                    storeB.call(ApiRequest.put("/catalog/products", products));
                    calls++;
                }
                for (int v = 0; v < variants.size(); v += VARIANT_BATCH) {
                    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
                    variants.subList(v, Math.min(variants.size(), v + VARIANT_BATCH))
                            .forEach(batch::add);
                    storeB.call(ApiRequest.put("/catalog/variants", batch));
                    calls++;
                }
                written.addAndGet(products.size() + variants.size());
                chunk.forEach(this::remember);
            } catch (RuntimeException e) {
                LOG.warn(
                        "a backfill batch of {} products failed, the queue syncs them one by one: {}",
                        chunk.size(),
                        e.getMessage());
                chunk.forEach(item -> handedOver.add(item.source().id()));
            }
        }
        return calls;
    }

    private void remember(ComparedPage.Item item) {
        ProductMatcher.Match match = item.match().orElseThrow();
        ProductMapping next = Remapping.after(
                item.source(),
                match.target().id(),
                ProductPairs.of(item.source(), match.target(), match.mapping()),
                Optional.empty(),
                List.of(),
                match.mapping());
        if (!next.equals(match.mapping())) {
            idMap.save(next);
        }
    }

    private void writeOneByOne(
            List<ComparedPage.Item> items, int concurrency, AtomicInteger written, List<Long> handedOver) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ComparedPage.Item item : items) {
                running.add(pool.submit(() -> {
                    try {
                        written.addAndGet(steps.writePrepared(item));
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "backfill of product {} failed, the queue syncs it: {}",
                                item.source().id(),
                                e.getMessage());
                        handedOver.add(item.source().id());
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backfill interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
