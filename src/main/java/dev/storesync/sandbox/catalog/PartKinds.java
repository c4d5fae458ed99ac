package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The simple parts a product has beside its variants, images and custom fields. */
final class PartKinds {
    private PartKinds() {}

    /**
     * products_catalog.v3.yml, createBulkPricingRule: {@code quantity_max} "Must be greater than the quantity_min value
     * – unless this field has a value of 0 (zero), in which case there will be no maximum bound" (422 otherwise); 409
     * "This is the result of quantity range overlapping with existing bulk pricing rules."
     */
    static final ProductParts.Kind BULK_PRICING_RULES = new ProductParts.Kind(
            "bulk pricing rule",
            "bulk_pricing_rules",
            Schemas.BULK_PRICING_RULE,
            CatalogState.Kind.BULK_PRICING_RULE,
            List.of("quantity_min", "quantity_max", "type", "amount"),
            record -> record.bulkPricingRules,
            PartKinds::checkRange);

    /** products_catalog.v3.yml, createProductVideo: "Required Fields * video_id". */
    static final ProductParts.Kind VIDEOS = new ProductParts.Kind(
            "video",
            "videos",
            Schemas.VIDEO,
            CatalogState.Kind.VIDEO,
            List.of("video_id"),
            record -> record.videos,
            (others, video) -> {});

    private static void checkRange(List<ObjectNode> others, ObjectNode rule) {
        long min = rule.path("quantity_min").asLong();
        long max = upper(rule);
        if (rule.path("quantity_max").asLong() != 0 && max <= min) {
            throw ApiException.invalid(
                    "quantity_max", "must be greater than quantity_min, or 0 for a rule without an upper bound");
        }
        for (ObjectNode other : others) {
            if (min <= upper(other) && other.path("quantity_min").asLong() <= max) {
                throw ApiException.conflict(
                        "The bulk pricing rule overlaps another",
                        "quantity_min",
                        "quantities " + min + " to " + (max == Long.MAX_VALUE ? "any" : max) + " overlap rule "
                                + other.path("id").asLong());
            }
        }
    }

    private static long upper(ObjectNode rule) {
        long max = rule.path("quantity_max").asLong();
        return max == 0 ? Long.MAX_VALUE : max;
    }
}
