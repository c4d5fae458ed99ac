package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A product and everything that hangs off it. Fields are guarded by the catalog's lock. */
final class ProductRecord {
    final ObjectNode product;
    final List<ObjectNode> variants = new ArrayList<>();
    final List<ObjectNode> options = new ArrayList<>();
    final List<ImageRecord> images = new ArrayList<>();
    final List<ObjectNode> customFields = new ArrayList<>();
    final List<ObjectNode> metafields = new ArrayList<>();
    final List<ObjectNode> bulkPricingRules = new ArrayList<>();
    final List<ObjectNode> videos = new ArrayList<>();

    ProductRecord(ObjectNode product) {
        this.product = product;
    }

    long id() {
        return product.get("id").asLong();
    }

    /** An image and the URL it was uploaded from, which answers never show. */
    record ImageRecord(ObjectNode image, String source) {}
}
