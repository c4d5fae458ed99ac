package dev.storesync.sandbox.catalog;

import static dev.storesync.sandbox.catalog.Field.amount;
import static dev.storesync.sandbox.catalog.Field.choice;
import static dev.storesync.sandbox.catalog.Field.count;
import static dev.storesync.sandbox.catalog.Field.flag;
import static dev.storesync.sandbox.catalog.Field.integer;
import static dev.storesync.sandbox.catalog.Field.list;
import static dev.storesync.sandbox.catalog.Field.object;
import static dev.storesync.sandbox.catalog.Field.string;
import static dev.storesync.sandbox.catalog.Field.text;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storesync.sandbox.catalog.Field.Type;
import java.util.List;

/**
 * The resources of the simulated store, read from the official specs (shared/bigcommerce-openapi) independently of the
 * service's client: fields in answer order, defaults of a new resource, what a client may write.
 */
public final class Schemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int LONG_TEXT = 65_535;

    private Schemas() {}

    private static Field id(String name) {
        return integer(name, 0).readOnly();
    }

    private static Field readOnlyText(String name) {
        return text(name).readOnly();
    }

    private static Field nullableAmount(String name) {
        return amount(name).orNull().defaultingTo(JSON.nullNode());
    }

    public static final Schema CUSTOM_URL = Schema.of(string("url", "", 255), flag("is_customized", false));

    public static final Schema PRODUCT = Schema.of(
            id("id"),
            string("name", "", 250),
            choice("type", "physical", List.of("physical", "digital")),
            string("sku", "", 255),
            text("description"),
            amount("weight"),
            amount("width"),
            amount("depth"),
            amount("height"),
            amount("price"),
            amount("cost_price"),
            amount("retail_price"),
            amount("sale_price"),
            amount("map_price"),
            amount("tax_class_id"),
            string("product_tax_code", "", 255),
            amount("calculated_price").readOnly(),
            list("categories", Type.INTEGER_LIST),
            count("brand_id"),
            integer("option_set_id", 0).readOnly().orNull().defaultingTo(JSON.nullNode()),
            string("option_set_display", "right", 255).readOnly(),
            count("inventory_level"),
            count("inventory_warning_level"),
            choice("inventory_tracking", "none", List.of("none", "product", "variant")),
            count("reviews_rating_sum").readOnly(),
            count("reviews_count").readOnly(),
            count("total_sold").readOnly(),
            amount("fixed_cost_shipping_price"),
            flag("is_free_shipping", false),
            flag("is_visible", true),
            flag("is_featured", false),
            list("related_products", Type.INTEGER_LIST)
                    .defaultingTo(JSON.arrayNode().add(-1)),
            string("warranty", "", LONG_TEXT),
            string("bin_picking_number", "", 255),
            string("layout_file", "product.html", 500),
            string("upc", "", 14),
            text("mpn"),
            string("gtin", "", 14),
            string("search_keywords", "", LONG_TEXT),
            choice("availability", "available", List.of("available", "disabled", "preorder")),
            string("availability_description", "", 255),
            choice("gift_wrapping_options_type", "any", List.of("any", "none", "list")),
            list("gift_wrapping_options_list", Type.INTEGER_LIST),
            integer("sort_order", 0),
            choice("condition", "New", List.of("New", "Used", "Refurbished")),
            flag("is_condition_shown", false),
            count("order_quantity_minimum"),
            count("order_quantity_maximum"),
            string("page_title", "", 255),
            list("meta_keywords", Type.STRING_LIST),
            string("meta_description", "", LONG_TEXT),
            readOnlyText("date_created"),
            readOnlyText("date_modified"),
            count("view_count").readOnly(),
            text("preorder_release_date").orNull().defaultingTo(JSON.nullNode()),
            string("preorder_message", "", 255),
            flag("is_preorder_only", false),
            flag("is_price_hidden", false),
            string("price_hidden_label", "", 200),
            object("custom_url", CUSTOM_URL),
            integer("base_variant_id", 0).readOnly().orNull().defaultingTo(JSON.nullNode()),
            choice(
                    "open_graph_type",
                    "product",
                    List.of("product", "album", "book", "drink", "food", "game", "movie", "song", "tv_show")),
            text("open_graph_title"),
            text("open_graph_description"),
            flag("open_graph_use_meta_description", true),
            flag("open_graph_use_product_name", true),
            flag("open_graph_use_image", true));

    public static final Schema VARIANT = Schema.of(
            nullableAmount("cost_price"),
            nullableAmount("price"),
            nullableAmount("sale_price"),
            nullableAmount("retail_price"),
            nullableAmount("weight"),
            nullableAmount("width"),
            nullableAmount("height"),
            nullableAmount("depth"),
            flag("is_free_shipping", false),
            nullableAmount("fixed_cost_shipping_price"),
            flag("purchasing_disabled", false),
            string("purchasing_disabled_message", "", 255),
            string("upc", "", 14).orNull(),
            text("image_url"),
            count("inventory_level").orNull(),
            count("inventory_warning_level").orNull(),
            string("bin_picking_number", "", 255).orNull(),
            text("mpn").orNull(),
            string("gtin", "", 14).orNull(),
            id("id"),
            id("product_id"),
            string("sku", "", 255),
            integer("sku_id", 0).readOnly().orNull(),
            list("option_values", Type.STRING_LIST).readOnly(),
            amount("calculated_price").readOnly(),
            amount("calculated_weight").readOnly());

    public static final Schema OPTION_VALUE = Schema.of(
            flag("is_default", false),
            string("label", "", 255),
            integer("sort_order", 0),
            Field.freeObject("value_data").orNull().defaultingTo(JSON.nullNode()),
            id("id"));

    public static final Schema OPTION = Schema.of(
            id("id"),
            id("product_id"),
            string("display_name", "", 255),
            choice(
                    "type",
                    "radio_buttons",
                    List.of(
                            "radio_buttons",
                            "rectangles",
                            "dropdown",
                            "product_list",
                            "product_list_with_images",
                            "swatch")),
            Field.freeObject("config"),
            integer("sort_order", 0),
            list("option_values", Type.STRING_LIST).readOnly(),
            readOnlyText("name"));

    public static final Schema IMAGE = Schema.of(
            id("id"),
            id("product_id"),
            flag("is_thumbnail", false),
            integer("sort_order", 0),
            text("description"),
            readOnlyText("image_file"),
            readOnlyText("url_zoom"),
            readOnlyText("url_standard"),
            readOnlyText("url_thumbnail"),
            readOnlyText("url_tiny"),
            readOnlyText("date_modified"));

    /** products_catalog.v3.yml, bulkPricingRule_Full. */
    public static final Schema BULK_PRICING_RULE = Schema.of(
            id("id"),
            count("quantity_min"),
            count("quantity_max"),
            choice("type", "price", List.of("price", "percent", "fixed")),
            amount("amount"));

    /** products_catalog.v3.yml, productVideo_Full: YouTube is the one host. */
    public static final Schema VIDEO = Schema.of(
            id("id"),
            id("product_id"),
            string("title", "", 255),
            text("description"),
            integer("sort_order", 0),
            choice("type", "youtube", List.of("youtube")),
            string("video_id", "", 255),
            readOnlyText("length"));

    public static final Schema CUSTOM_FIELD = Schema.of(id("id"), string("name", "", 250), string("value", "", 250));

    public static final Schema METAFIELD = Schema.of(
            id("id"),
            string("key", "", 64),
            string("value", "", LONG_TEXT),
            string("namespace", "", 64),
            choice(
                    "permission_set",
                    "app_only",
                    List.of("app_only", "read", "write", "read_and_sf_access", "write_and_sf_access")),
            string("description", "", 255),
            readOnlyText("resource_type"),
            id("resource_id"),
            readOnlyText("date_created"),
            readOnlyText("date_modified"),
            readOnlyText("owner_client_id"));

    public static final Schema CATEGORY_URL = Schema.of(string("path", "", 255), flag("is_customized", false));

    /** A category as the category trees API answers it. */
    public static final Schema TREE_CATEGORY = Schema.of(
            id("category_id"),
            readOnlyText("category_uuid"),
            integer("tree_id", 1),
            integer("parent_id", 0),
            string("name", "", 50),
            text("description"),
            count("views").readOnly(),
            integer("sort_order", 0),
            string("page_title", "", 255),
            list("meta_keywords", Type.STRING_LIST),
            string("meta_description", "", LONG_TEXT),
            string("layout_file", "category.html", 50),
            text("image_url"),
            flag("is_visible", true),
            string("search_keywords", "", 255),
            choice(
                    "default_product_sort",
                    "use_store_settings",
                    List.of(
                            "use_store_settings",
                            "featured",
                            "newest",
                            "best_selling",
                            "alpha_asc",
                            "alpha_desc",
                            "avg_customer_review",
                            "price_asc",
                            "price_desc")),
            object("url", CATEGORY_URL));

    public static final Schema BRAND = Schema.of(
            id("id"),
            string("name", "", 255),
            string("page_title", "", 255),
            list("meta_keywords", Type.STRING_LIST),
            string("meta_description", "", LONG_TEXT),
            string("search_keywords", "", 255),
            text("image_url"),
            object("custom_url", Schema.of(string("url", "", 1024), flag("is_customized", false))));

    public static final Schema CHANNEL = Schema.of(
            id("id"),
            text("external_id"),
            flag("is_listable_from_ui", true),
            flag("is_enabled", true),
            flag("is_visible", true),
            choice(
                    "status",
                    "active",
                    List.of(
                            "active",
                            "prelaunch",
                            "inactive",
                            "connected",
                            "disconnected",
                            "archived",
                            "deleted",
                            "terminated")),
            string("name", "", 255),
            choice("type", "storefront", List.of("pos", "marketplace", "storefront", "marketing")),
            string("platform", "bigcommerce", 255),
            readOnlyText("date_created"),
            readOnlyText("date_modified"));

    public static final Schema HOOK = Schema.of(
            id("id"),
            readOnlyText("client_id"),
            readOnlyText("store_hash"),
            integer("created_at", 0).readOnly(),
            integer("updated_at", 0).readOnly(),
            string("scope", "", 255),
            string("destination", "", 2048),
            flag("is_active", true),
            Field.freeObject("headers").orNull().defaultingTo(JSON.nullNode()));
}
