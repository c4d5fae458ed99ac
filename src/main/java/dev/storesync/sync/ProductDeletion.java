package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.CatalogRequests;
import dev.storesync.bigcommerce.Product;
import dev.storesync.config.DeletePolicy;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a product gone from Store A does to Store B's: DELETE_POLICY decides (DESIGN §6). */
final class ProductDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(ProductDeletion.class);

    private final BigCommerceStore storeB;
    private final IdMap idMap;
    private final DeletePolicy policy;

    ProductDeletion(BigCommerceStore storeB, IdMap idMap, DeletePolicy policy) {
        this.storeB = storeB;
        this.idMap = idMap;
        this.policy = policy;
    }

    /** @return how many writes Store B took */
    int apply(long storeAId) {
        Optional<ProductMapping> mapping = idMap.product(storeAId);
        if (mapping.isEmpty() || mapping.get().b() == 0) {
            LOG.info("product {} is gone from Store A; Store B has no product for it", storeAId);
            return 0;
        }
        long target = mapping.get().b();
        switch (policy) {
            case IGNORE -> {
                LOG.info(
                        "product {} is gone from Store A; Store B product {} is kept (DELETE_POLICY=ignore)",
                        storeAId,
                        target);
                return 0;
            }
            case DELETE -> {
                storeB.deleteProduct(target);
                idMap.forget(IdMap.PRODUCT, storeAId);
                LOG.info("product {} is gone from Store A; Store B product {} deleted", storeAId, target);
                return 1;
            }
            default -> {
                return storeB.product(target)
                        .map(product -> disable(storeAId, product))
                        .orElse(0);
            }
        }
    }

    private int disable(long storeAId, Product product) {
        ObjectNode wanted =
                JsonNodeFactory.instance.objectNode().put("is_visible", false).put("availability", "disabled");
        ObjectNode changes = WritableFields.changes(wanted, product.fields());
        if (changes.isEmpty()) {
            return 0;
        }
        storeB.send(CatalogRequests.updateProduct(product.id(), changes));
        LOG.info("product {} is gone from Store A; Store B product {} disabled", storeAId, product.id());
        return 1;
    }
}
