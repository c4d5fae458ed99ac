package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BulkPricingRule;
import dev.storesync.bigcommerce.CatalogRequests;
import dev.storesync.bigcommerce.CustomField;
import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.ProductImage;
import dev.storesync.bigcommerce.ProductOption;
import dev.storesync.bigcommerce.ProductVideo;
import dev.storesync.bigcommerce.Variant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Diffs Store A's product against Store B's and lists the fewest writes that make them match, without deleting and
 * re-creating what can be changed in place (Store B's ids survive). Plain logic: no I/O.
 *
 * <p>Order matters: product fields first (custom field and image changes ride along in the same PUT); then options and
 * values (new variants refer to them by name); then variants (deletes before creates, so that SKUs and combinations are
 * free; updates in batches of 50); then what is left over in Store B.
 */
public final class ProductPlanner {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The writes that create the product, with its variants, images and custom fields, in one call. */
    public ProductPlan create(DesiredProduct desired) {
        Product source = desired.source();
        ObjectNode body = desiredFields(desired);
        ArrayNode variants = body.putArray("variants");
        for (Variant variant : source.variants()) {
            // one without a SKU cannot be created here either; the plan that follows the create says so
            if (!variant.isBase() && !variant.sku().isBlank()) {
                variants.add(variantInNewProduct(variant, source));
            }
        }
        ArrayNode images = body.putArray("images");
        source.images().forEach(image -> images.add(newImage(image)));
        ArrayNode fields = body.putArray("custom_fields");
        source.customFields().forEach(field -> fields.add(customField(field)));
        // bulk pricing rules follow the create one by one: the create's schema asks each for an id it cannot have
        ArrayNode videos = body.putArray("videos");
        source.videos().forEach(video -> videos.add(video(video)));
        List<PlannedWrite> writes = new ArrayList<>();
        writes.add(PlannedWrite.creating(
                CatalogRequests.createProduct(body), new PlannedWrite.Creates.Product(), "create " + source.sku()));
        return new ProductPlan(0, writes, List.of());
    }

    /** The writes that make the existing Store B product {@code target} match. */
    public ProductPlan update(
            DesiredProduct desired,
            Product target,
            Optional<List<Metafield>> targetMetafields,
            ProductMapping mapping) {
        Product source = desired.source();
        ProductPairs pairs = ProductPairs.of(source, target, mapping);
        long product = target.id();
        List<PlannedWrite> writes = new ArrayList<>();

        Optional<PlannedWrite> fields = productFields(desired, target, pairs, mapping);
        // SKUs are unique across products and variants: a product matched through one of its variants' SKU takes
        // that SKU only once the variant is gone
        boolean skuHeldByVariant = target.variants().stream()
                .anyMatch(v -> !v.isBase()
                        && !source.sku().equalsIgnoreCase(target.sku())
                        && v.sku().equalsIgnoreCase(source.sku()));
        if (!skuHeldByVariant) {
            fields.ifPresent(writes::add);
        }
        writes.addAll(options(source, target, pairs, product));
        // options and values Store A no longer has go first: their deletes remove the variants that use them in one
        // call each, and free those variants' SKUs for the variants created below
        List<PlannedWrite> leftover = leftoverOptions(target, pairs, product);
        writes.addAll(leftover);
        Set<Long> goneWithLeftovers = variantsUsingLeftovers(target, pairs);
        // a variant's option values cannot be changed: a pair whose combination differs is deleted and created anew
        Set<Long> recreated = new HashSet<>();
        pairs.variants().forEach((aVariant, bVariant) -> {
            Variant variant = variantOf(source, aVariant);
            if (!variant.isBase() && !bVariant.isBase() && !pairs.sameCombination(variant, bVariant)) {
                recreated.add(aVariant);
            }
        });
        for (Variant variant : target.variants()) {
            boolean unpaired = !pairs.variants().containsValue(variant);
            boolean replaced = recreated.stream().anyMatch(a -> pairs.variants().get(a) == variant);
            if ((unpaired || replaced) && !variant.isBase() && !goneWithLeftovers.contains(variant.id())) {
                writes.add(PlannedWrite.of(
                        CatalogRequests.deleteVariant(product, variant.id()), "remove variant " + variant.sku()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Variant variant : source.variants()) {
            boolean unpaired = !pairs.variants().containsKey(variant.id());
            if ((!unpaired && !recreated.contains(variant.id())) || variant.isBase()) {
                continue;
            }
            if (variant.sku().isBlank()) {
                problems.add("Store A's variant " + variant.id() + " (" + combination(variant)
                        + ") has no SKU, and Store B's API creates a variant only with one: give it a SKU in Store A");
                continue;
            }
            writes.add(newVariant(variant, source, pairs, product));
        }
        writes.addAll(variantUpdates(source, pairs, recreated));
        if (skuHeldByVariant) {
            // by now the variant holding the SKU is deleted, gone with its option or renamed
            fields.ifPresent(writes::add);
        }
        writes.addAll(bulkPricingRules(source, target, product));
        writes.addAll(videos(source, target, product));
        for (ProductImage image : target.images()) {
            if (!pairs.images().containsValue(image)) {
                writes.add(PlannedWrite.of(
                        CatalogRequests.deleteImage(product, image.id()), "remove image " + image.id()));
            }
        }
        for (ProductImage image : source.images()) {
            if (!pairs.images().containsKey(image.id())) {
                writes.add(PlannedWrite.creating(
                        CatalogRequests.createImage(product, newImage(image)),
                        new PlannedWrite.Creates.Image(image.id()),
                        "add image " + image.sortOrder()));
            }
        }
        for (CustomField field : leftoverCustomFields(source, target)) {
            writes.add(PlannedWrite.of(
                    CatalogRequests.deleteCustomField(product, field.id()), "remove custom field " + field.name()));
        }
        desired.metafields()
                .ifPresent(metafields ->
                        writes.addAll(metafields(metafields, targetMetafields.orElse(List.of()), mapping, product)));
        return new ProductPlan(target.id(), writes, problems);
    }

    /** The product's own fields as Store B should have them. */
    static ObjectNode desiredFields(DesiredProduct desired) {
        Product source = desired.source();
        ObjectNode fields = WritableFields.copy(source.fields(), WritableFields.PRODUCT);
        if (source.tracksInventoryByVariant()) {
            fields.remove(WritableFields.PRODUCT_INVENTORY);
        }
        fields.put("brand_id", desired.brandId());
        ArrayNode categories = fields.putArray("categories");
        desired.categories().forEach(categories::add);
        fields.put("availability", desired.availability());
        return fields;
    }

    private Optional<PlannedWrite> productFields(
            DesiredProduct desired, Product target, ProductPairs pairs, ProductMapping mapping) {
        ObjectNode wanted = desiredFields(desired);
        if (new HashSet<>(desired.categories()).equals(new HashSet<>(target.categories()))) {
            wanted.remove("categories");
        }
        ObjectNode changes = WritableFields.changes(wanted, target.fields());
        ArrayNode fields = customFieldChanges(desired.source(), target);
        if (!fields.isEmpty()) {
            changes.set("custom_fields", fields);
        }
        ArrayNode images = imageChanges(desired.source(), pairs, mapping);
        if (!images.isEmpty()) {
            changes.set("images", images);
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<String> changed = new ArrayList<>();
        changes.fieldNames().forEachRemaining(changed::add);
        return Optional.of(
                PlannedWrite.of(CatalogRequests.updateProduct(target.id(), changes), String.join(", ", changed)));
    }

    /** Custom fields by name: new ones without an id, changed values with the Store B id. */
    private static ArrayNode customFieldChanges(Product source, Product target) {
        ArrayNode changes = JSON.arrayNode();
        Set<Long> taken = new HashSet<>();
        for (CustomField field : source.customFields()) {
            Optional<CustomField> existing = target.customFields().stream()
                    .filter(f -> !taken.contains(f.id()) && f.name().equals(field.name()))
                    .findFirst();
            existing.ifPresent(f -> taken.add(f.id()));
            if (existing.isEmpty()) {
                changes.add(customField(field));
            } else if (!existing.get().value().equals(field.value())) {
                changes.add(customField(field).put("id", existing.get().id()));
            }
        }
        return changes;
    }

    private static List<CustomField> leftoverCustomFields(Product source, Product target) {
        List<CustomField> leftover = new ArrayList<>(target.customFields());
        for (CustomField field : source.customFields()) {
            leftover.stream()
                    .filter(f -> f.name().equals(field.name()))
                    .findFirst()
                    .ifPresent(leftover::remove);
        }
        return leftover;
    }

    /**
     * Changes to images Store B already has: description, position, thumbnail, and a new upload when Store A's file
     * changed since Store B's copy was made.
     */
    private static ArrayNode imageChanges(Product source, ProductPairs pairs, ProductMapping mapping) {
        ArrayNode changes = JSON.arrayNode();
        for (ProductImage image : source.images()) {
            ProductImage target = pairs.images().get(image.id());
            if (target == null) {
                continue;
            }
            ObjectNode change = JSON.objectNode();
            if (image.sortOrder() != target.sortOrder()) {
                change.put("sort_order", image.sortOrder());
            }
            if (!image.description().equals(target.description())) {
                change.put("description", image.description());
            }
            if (image.isThumbnail() && !target.isThumbnail()) {
                change.put("is_thumbnail", true);
            }
            boolean newFile = mapping.image(image.id())
                    .map(known -> known.b() == target.id() && !known.file().equals(image.urlZoom()))
                    .orElse(false);
            if (newFile) {
                change.put("image_url", image.originalUrl());
            }
            if (!change.isEmpty()) {
                changes.add(change.put("id", target.id()));
            }
        }
        return changes;
    }

    private List<PlannedWrite> options(Product source, Product target, ProductPairs pairs, long product) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (ProductOption option : source.options()) {
            ProductOption existing = pairs.options().get(option.id());
            if (existing == null) {
                writes.add(PlannedWrite.creating(
                        CatalogRequests.createOption(product, newOption(option)),
                        new PlannedWrite.Creates.Option(option.id()),
                        "add option " + option.displayName()));
                continue;
            }
            ObjectNode change = JSON.objectNode();
            if (!option.displayName().equals(existing.displayName())) {
                change.put("display_name", option.displayName());
            }
            if (!option.type().equals(existing.type())) {
                change.put("type", option.type());
            }
            if (option.sortOrder() != existing.sortOrder()) {
                change.put("sort_order", option.sortOrder());
            }
            if (!change.isEmpty()) {
                writes.add(PlannedWrite.of(
                        CatalogRequests.updateOption(product, existing.id(), change),
                        "change option " + option.displayName()));
            }
            for (ProductOption.Value value : option.optionValues()) {
                ProductOption.Value counterpart = pairs.values().get(value.id());
                if (counterpart == null) {
                    writes.add(PlannedWrite.creating(
                            CatalogRequests.createOptionValue(product, existing.id(), newValue(value)),
                            new PlannedWrite.Creates.Value(option.id(), value.id()),
                            "add " + option.displayName() + " " + value.label()));
                } else if (!sameValue(value, counterpart)) {
                    writes.add(PlannedWrite.of(
                            CatalogRequests.updateOptionValue(
                                    product, existing.id(), counterpart.id(), newValue(value)),
                            "change " + option.displayName() + " " + value.label()));
                }
            }
        }
        return writes;
    }

    /** Values and options Store B has and Store A no longer: removed once no variant needs them. */
    private List<PlannedWrite> leftoverOptions(Product target, ProductPairs pairs, long product) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (ProductOption option : target.options()) {
            if (!pairs.options().containsValue(option)) {
                writes.add(PlannedWrite.of(
                        CatalogRequests.deleteOption(product, option.id()), "remove option " + option.displayName()));
                continue;
            }
            for (ProductOption.Value value : option.optionValues()) {
                if (!pairs.pairedValue(value.id())) {
                    writes.add(PlannedWrite.of(
                            CatalogRequests.deleteOptionValue(product, option.id(), value.id()),
                            "remove " + option.displayName() + " " + value.label()));
                }
            }
        }
        return writes;
    }

    private List<PlannedWrite> variantUpdates(Product source, ProductPairs pairs, Set<Long> recreated) {
        List<ObjectNode> changes = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (Variant variant : source.variants()) {
            Variant target = pairs.variants().get(variant.id());
            if (target == null || recreated.contains(variant.id())) {
                continue;
            }
            ObjectNode change = WritableFields.changes(variantFields(variant, source), target.fields());
            // a SKU is at least one character (productVariant_Put): a variant without one keeps Store B's
            if (!variant.isBase() && !variant.sku().isBlank() && !variant.sku().equals(target.sku())) {
                change.put("sku", variant.sku());
            }
            if (!change.isEmpty()) {
                changes.add(change.put("id", target.id()));
                skus.add(variant.sku());
            }
        }
        List<PlannedWrite> writes = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += CatalogRequests.VARIANT_BATCH) {
            int to = Math.min(changes.size(), from + CatalogRequests.VARIANT_BATCH);
            ArrayNode batch = JSON.arrayNode();
            changes.subList(from, to).forEach(batch::add);
            writes.add(PlannedWrite.of(
                    CatalogRequests.updateVariants(batch),
                    "change variants " + String.join(", ", skus.subList(from, to))));
        }
        return writes;
    }

    private List<PlannedWrite> metafields(
            List<Metafield> source, List<Metafield> target, ProductMapping mapping, long product) {
        Map<Long, Metafield> pairs = ProductPairs.metafields(source, target, mapping);
        List<PlannedWrite> writes = new ArrayList<>();
        for (Metafield metafield : source) {
            Metafield existing = pairs.get(metafield.id());
            if (existing == null) {
                writes.add(PlannedWrite.creating(
                        CatalogRequests.createMetafield(product, newMetafield(metafield)),
                        new PlannedWrite.Creates.Metafield(metafield.id()),
                        "add metafield " + metafield.address()));
            } else if (!sameMetafield(metafield, existing)) {
                writes.add(PlannedWrite.of(
                        CatalogRequests.updateMetafield(product, existing.id(), newMetafield(metafield)),
                        "change metafield " + metafield.address()));
            }
        }
        Set<Long> known = new LinkedHashSet<>();
        mapping.metafields().forEach(pair -> known.add(pair.b()));
        for (Metafield metafield : target) {
            // only what storesync put there: Store B's own metafields and other apps' are not ours to remove
            if (!pairs.containsValue(metafield) && known.contains(metafield.id())) {
                writes.add(PlannedWrite.of(
                        CatalogRequests.deleteMetafield(product, metafield.id()),
                        "remove metafield " + metafield.address()));
            }
        }
        return writes;
    }

    private static ObjectNode variantFields(Variant variant, Product product) {
        ObjectNode fields = WritableFields.copy(variant.fields(), WritableFields.VARIANT);
        if (!product.tracksInventoryByVariant()) {
            fields.remove(WritableFields.VARIANT_INVENTORY);
        }
        if (variant.isBase()) {
            // they follow the product's fields, which the product's own write carries
            fields.remove(WritableFields.BASE_VARIANT_FOLLOWS_PRODUCT);
        }
        return fields;
    }

    /** A variant in the create of its whole product: its values named by option and label (the create makes them). */
    private static ObjectNode variantInNewProduct(Variant variant, Product product) {
        ObjectNode body = variantFields(variant, product);
        body.put("sku", variant.sku());
        ArrayNode values = body.putArray("option_values");
        for (Variant.OptionValueRef value : variant.optionValues()) {
            values.addObject()
                    .put("option_display_name", value.optionDisplayName())
                    .put("label", value.label());
        }
        return body;
    }

    /**
     * A new variant of an existing product names its values by Store B's ids (product-variants spec, create a
     * variant). Values this plan creates have no id yet: they are named by option and label here, and the writer puts
     * in their ids once the writes that create them have answered.
     */
    private static PlannedWrite newVariant(Variant variant, Product source, ProductPairs pairs, long product) {
        ObjectNode body = variantFields(variant, source);
        body.put("sku", variant.sku());
        ArrayNode values = body.putArray("option_values");
        List<PlannedWrite.PendingValue> pending = new ArrayList<>();
        for (Variant.OptionValueRef value : variant.optionValues()) {
            ProductOption.Value bValue = pairs.values().get(value.id());
            ProductOption bOption = pairs.options().get(value.optionId());
            if (bValue != null && bOption != null) {
                values.addObject().put("id", bValue.id()).put("option_id", bOption.id());
            } else {
                pending.add(new PlannedWrite.PendingValue(
                        values.size(),
                        value.optionId(),
                        value.id(),
                        value.label(),
                        bOption == null ? 0 : bOption.id()));
                values.addObject()
                        .put("option_display_name", value.optionDisplayName())
                        .put("label", value.label());
            }
        }
        return new PlannedWrite(
                CatalogRequests.createVariant(product, body),
                new PlannedWrite.Creates.Variant(variant.id()),
                "add variant " + variant.sku(),
                pending);
    }

    /**
     * Quantity discounts, each by its range. A product's ranges never overlap, so the rules Store A no longer has go
     * before any new one is added.
     */
    private static List<PlannedWrite> bulkPricingRules(Product source, Product target, long product) {
        Map<String, BulkPricingRule> byRange = new LinkedHashMap<>();
        target.bulkPricingRules().forEach(rule -> byRange.putIfAbsent(range(rule), rule));
        List<PlannedWrite> changes = new ArrayList<>();
        List<PlannedWrite> creates = new ArrayList<>();
        for (BulkPricingRule rule : source.bulkPricingRules()) {
            BulkPricingRule existing = byRange.remove(range(rule));
            if (existing == null) {
                creates.add(PlannedWrite.of(
                        CatalogRequests.createBulkPricingRule(product, bulkPricingRule(rule)),
                        "add bulk pricing " + range(rule)));
            } else if (!rule.type().equals(existing.type()) || !JsonValues.same(rule.amount(), existing.amount())) {
                changes.add(PlannedWrite.of(
                        CatalogRequests.updateBulkPricingRule(
                                product,
                                existing.id(),
                                JSON.objectNode().put("type", rule.type()).set("amount", rule.amount())),
                        "change bulk pricing " + range(rule)));
            }
        }
        List<PlannedWrite> writes = new ArrayList<>();
        byRange.values()
                .forEach(rule -> writes.add(PlannedWrite.of(
                        CatalogRequests.deleteBulkPricingRule(product, rule.id()),
                        "remove bulk pricing " + range(rule))));
        writes.addAll(changes);
        writes.addAll(creates);
        return writes;
    }

    /** Videos, each by its YouTube id. */
    private static List<PlannedWrite> videos(Product source, Product target, long product) {
        Map<String, ProductVideo> byVideo = new LinkedHashMap<>();
        target.videos().forEach(video -> byVideo.putIfAbsent(video.videoId(), video));
        List<PlannedWrite> changes = new ArrayList<>();
        for (ProductVideo video : source.videos()) {
            ProductVideo existing = byVideo.remove(video.videoId());
            if (existing == null) {
                changes.add(PlannedWrite.of(
                        CatalogRequests.createVideo(product, video(video)), "add video " + video.videoId()));
            } else if (!video.title().equals(existing.title())
                    || !video.description().equals(existing.description())
                    || video.sortOrder() != existing.sortOrder()) {
                ObjectNode change = video(video);
                change.remove(List.of("video_id", "type"));
                changes.add(PlannedWrite.of(
                        CatalogRequests.updateVideo(product, existing.id(), change),
                        "change video " + video.videoId()));
            }
        }
        List<PlannedWrite> writes = new ArrayList<>();
        byVideo.values()
                .forEach(video -> writes.add(PlannedWrite.of(
                        CatalogRequests.deleteVideo(product, video.id()), "remove video " + video.videoId())));
        writes.addAll(changes);
        return writes;
    }

    private static String range(BulkPricingRule rule) {
        return rule.quantityMin() + "-" + (rule.quantityMax() == 0 ? "" : rule.quantityMax());
    }

    private static ObjectNode bulkPricingRule(BulkPricingRule rule) {
        ObjectNode body = JSON.objectNode()
                .put("quantity_min", rule.quantityMin())
                .put("quantity_max", rule.quantityMax())
                .put("type", rule.type());
        body.set("amount", rule.amount());
        return body;
    }

    private static ObjectNode video(ProductVideo video) {
        return JSON.objectNode()
                .put("video_id", video.videoId())
                .put("type", video.type())
                .put("title", video.title())
                .put("description", video.description())
                .put("sort_order", video.sortOrder());
    }

    /** Which values make a variant, in words: {@code Size L, Colour Red}. */
    private static String combination(Variant variant) {
        return String.join(
                ", ",
                variant.optionValues().stream()
                        .map(v -> v.optionDisplayName() + " " + v.label())
                        .toList());
    }

    /** The Store A variant of that id. */
    private static Variant variantOf(Product source, long aVariant) {
        return source.variants().stream()
                .filter(v -> v.id() == aVariant)
                .findFirst()
                .orElseThrow();
    }

    /** Store B's variants that the deletes of leftover options and values remove along with them. */
    private static Set<Long> variantsUsingLeftovers(Product target, ProductPairs pairs) {
        Set<Long> gone = new HashSet<>();
        for (Variant variant : target.variants()) {
            for (Variant.OptionValueRef value : variant.optionValues()) {
                boolean leftoverOption = target.options().stream()
                        .anyMatch(o ->
                                o.id() == value.optionId() && !pairs.options().containsValue(o));
                if (leftoverOption || !pairs.pairedValue(value.id())) {
                    gone.add(variant.id());
                }
            }
        }
        return gone;
    }

    private static ObjectNode newImage(ProductImage image) {
        return JSON.objectNode()
                .put("image_url", image.originalUrl())
                .put("is_thumbnail", image.isThumbnail())
                .put("sort_order", image.sortOrder())
                .put("description", image.description());
    }

    private static ObjectNode customField(CustomField field) {
        return JSON.objectNode().put("name", field.name()).put("value", field.value());
    }

    private static ObjectNode newOption(ProductOption option) {
        ObjectNode body = JSON.objectNode()
                .put("display_name", option.displayName())
                .put("type", option.type())
                .put("sort_order", option.sortOrder());
        ArrayNode values = body.putArray("option_values");
        option.optionValues().forEach(value -> values.add(newValue(value)));
        return body;
    }

    private static ObjectNode newValue(ProductOption.Value value) {
        ObjectNode body = JSON.objectNode()
                .put("label", value.label())
                .put("sort_order", value.sortOrder())
                .put("is_default", value.isDefault());
        if (value.valueData() != null && !value.valueData().isNull()) {
            body.set("value_data", value.valueData());
        }
        return body;
    }

    private static boolean sameValue(ProductOption.Value a, ProductOption.Value b) {
        return a.label().equals(b.label())
                && a.sortOrder() == b.sortOrder()
                && a.isDefault() == b.isDefault()
                && JsonValues.same(a.valueData(), b.valueData());
    }

    private static ObjectNode newMetafield(Metafield metafield) {
        return JSON.objectNode()
                .put("namespace", metafield.namespace())
                .put("key", metafield.key())
                .put("value", metafield.value())
                .put("permission_set", metafield.permissionSet())
                .put("description", metafield.description());
    }

    private static boolean sameMetafield(Metafield a, Metafield b) {
        return a.value().equals(b.value())
                && a.permissionSet().equals(b.permissionSet())
                && a.description().equals(b.description());
    }
}
