package dev.storesync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.CatalogRequests;
import dev.storesync.sync.PlannedProduct;
import dev.storesync.sync.PlannedWrite;
import dev.storesync.sync.ProductWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final BigCommerceStore storeB;
    private final ProductWriter writer;

    Backfill(BigCommerceStore storeB, ProductWriter writer) {
        this.storeB = storeB;
        this.writer = writer;
    }

    /** @param handedOver Store A products the queue should sync instead */
    record Result(int written, int batchCalls, int concurrency, List<Long> handedOver) {}

    Result apply(ComparedPage page) {
        List<PlannedProduct> batchable = new ArrayList<>();
        List<PlannedProduct> oneByOne = new ArrayList<>();
        List<Long> handedOver = Collections.synchronizedList(new ArrayList<>());
        for (ComparedPage.Item differing : page.items()) {
            PlannedProduct item = differing.product();
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
        if (CatalogRequests.updatesVariants(write.request())) {
            return true;
        }
        // images and custom fields are nested objects of the single-product update only
        return CatalogRequests.updatedProduct(write.request()).isPresent()
                && write.request().body() instanceof ObjectNode body
                && !body.has("images")
                && !body.has("custom_fields");
    }

    private int writeBatches(List<PlannedProduct> items, AtomicInteger written, List<Long> handedOver) {
        int calls = 0;
        for (int from = 0; from < items.size(); from += CatalogRequests.PRODUCT_BATCH) {
            List<PlannedProduct> chunk =
                    items.subList(from, Math.min(items.size(), from + CatalogRequests.PRODUCT_BATCH));
            ArrayNode products = JsonNodeFactory.instance.arrayNode();
            List<JsonNode> variants = new ArrayList<>();
            for (PlannedProduct item : chunk) {
                for (PlannedWrite write : item.plan().orElseThrow().writes()) {
                    OptionalLong product = CatalogRequests.updatedProduct(write.request());
                    if (product.isPresent()) {
                        products.add(
                                ((ObjectNode) write.request().body()).deepCopy().put("id", product.getAsLong()));
                    } else {
                        ((ArrayNode) write.request().body()).forEach(variants::add);
                    }
                }
            }
            try {
                if (!products.isEmpty()) {
                    storeB.send(CatalogRequests.updateProducts(products));
                    calls++;
                }
                for (int v = 0; v < variants.size(); v += CatalogRequests.VARIANT_BATCH) {
                    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
                    variants.subList(v, Math.min(variants.size(), v + CatalogRequests.VARIANT_BATCH))
                            .forEach(batch::add);
                    storeB.send(CatalogRequests.updateVariants(batch));
                    calls++;
                }
                written.addAndGet(products.size() + variants.size());
                chunk.forEach(writer::batched);
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

    private void writeOneByOne(
            List<PlannedProduct> items, int concurrency, AtomicInteger written, List<Long> handedOver) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (PlannedProduct item : items) {
                running.add(pool.submit(() -> {
                    try {
                        written.addAndGet(writer.write(
                                item.desired(), item.match(), item.plan().orElseThrow()));
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
