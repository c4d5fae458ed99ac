package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.testsupport.ApiClient;
import dev.storesync.testsupport.ApiClient.Reply;

/**
 * A broad walk through the simulated API: every operation the simulator serves, with answers of each documented kind
 * (200, 201, 204, 404, 409, 422, 413). Its request log is what the contract test hands to bc-contract-check.
 */
final class ContractScenario {
    private final ApiClient api;

    ContractScenario(ApiClient api) {
        this.api = api;
    }

    /** @param seeded a catalog seeded through the control API, whose answers are checked as well */
    void run(CatalogSeeder.Seeded seeded) {
        seededAnswers(seeded);
        long channel = channels();
        long[] categories = categories();
        long brand = brands();
        long product = products(brand, categories);
        variantsAndOptions(product);
        productParts(product);
        listings(channel, product);
        hooks();
        legacyCategories();
        cleanUp(product, brand);
    }

    private void seededAnswers(CatalogSeeder.Seeded seeded) {
        expect(api.get("/catalog/products?limit=250&include=variants,images,custom_fields,options,primary_image"), 200);
        expect(api.get("/catalog/products?limit=5&page=2&include=variants"), 200);
        expect(
                api.get("/catalog/products/" + seeded.products().get(2)
                        + "?include=variants,options,modifiers,videos,bulk_pricing_rules"),
                200);
        expect(
                api.get("/catalog/products?sku:in="
                        + java.net.URLEncoder.encode("S1-1,S1-2", java.nio.charset.StandardCharsets.UTF_8)),
                200);
        expect(api.get("/catalog/variants?limit=250"), 200);
        expect(api.get("/channels/" + seeded.storeBChannel() + "/listings?limit=250"), 200);
        expect(api.get("/catalog/trees/1/categories"), 200);
        expect(api.get("/catalog/trees/categories?limit=250"), 200);
        expect(api.get("/catalog/brands?limit=250"), 200);
        expect(api.get("/catalog/products/" + seeded.products().get(0) + "/metafields"), 200);
    }

    private long channels() {
        expect(api.get("/channels?limit=10"), 200);
        Reply created = expect(
                api.post("/channels", "{\"name\":\"Store B\",\"type\":\"marketplace\",\"platform\":\"custom\"}"), 200);
        long id = created.data().path("id").asLong();
        expect(api.get("/channels/" + id), 200);
        expect(api.put("/channels/" + id, "{\"name\":\"Store B (renamed)\"}"), 200);
        expect(api.get("/channels/999999"), 404);
        return id;
    }

    private long[] categories() {
        expect(api.get("/catalog/trees"), 200);
        Reply tree = expect(api.put("/catalog/trees", "[{\"name\":\"Second tree\",\"channels\":[]}]"), 200);
        long treeId = tree.data().get(0).path("id").asLong();
        Reply tops = expect(
                api.post(
                        "/catalog/trees/categories",
                        "[{\"name\":\"Boys\",\"tree_id\":1},{\"name\":\"Girls\",\"tree_id\":1,\"is_visible\":true}]"),
                201);
        long men = tops.data().get(0).path("category_id").asLong();
        long women = tops.data().get(1).path("category_id").asLong();
        Reply subs = expect(
                api.post(
                        "/catalog/trees/categories",
                        "[{\"name\":\"Shoes\",\"parent_id\":" + men + "},{\"name\":\"Shoes\",\"parent_id\":" + women
                                + "}]"),
                201);
        long menShoes = subs.data().get(0).path("category_id").asLong();
        expect(api.post("/catalog/trees/categories", "[{\"name\":\"Shoes\",\"parent_id\":" + men + "}]"), 422);
        expect(
                api.put(
                        "/catalog/trees/categories",
                        "[{\"category_id\":" + menShoes + ",\"description\":\"<p>Shoes for men</p>\"}]"),
                200);
        expect(api.get("/catalog/trees/categories?tree_id:in=1&parent_id:in=" + men + "&limit=50&page=1"), 200);
        expect(api.get("/catalog/trees/categories?name=Shoes&include_fields=name,parent_id"), 200);
        expect(api.get("/catalog/trees/1/categories"), 200);
        expect(api.post("/catalog/trees/categories", "[{\"name\":\"Sale\",\"tree_id\":" + treeId + "}]"), 201);
        expect(api.delete("/catalog/trees?id:in=" + treeId), 204);
        return new long[] {men, women, menShoes};
    }

    private long brands() {
        Reply created =
                expect(api.post("/catalog/brands", "{\"name\":\"Harbor Goods\",\"page_title\":\"Harbor Goods\"}"), 200);
        long id = created.data().path("id").asLong();
        expect(api.post("/catalog/brands", "{\"name\":\"harbor goods\"}"), 409);
        expect(api.get("/catalog/brands?name=Common%20Good"), 200);
        expect(api.get("/catalog/brands/" + id), 200);
        expect(
                api.put(
                        "/catalog/brands/" + id,
                        "{\"name\":\"Harbor Goods\",\"meta_keywords\":[\"linen\",\"towels\"]}"),
                200);
        expect(api.get("/catalog/brands/999999"), 404);
        return id;
    }

    private long products(long brand, long[] categories) {
        Reply created = expect(
                api.post(
                        "/catalog/products",
                        "{\"name\":\"Linen Towel\",\"type\":\"physical\",\"sku\":\"TOWEL-1\",\"weight\":1.5,\"price\":24.5,"
                                + "\"brand_id\":" + brand + ",\"categories\":[" + categories[2] + "],"
                                + "\"custom_fields\":[{\"name\":\"Material\",\"value\":\"Linen\"}],"
                                + "\"images\":[{\"image_url\":\"https://example.com/img/towel.jpg\",\"is_thumbnail\":true}]}"),
                200);
        long id = created.data().path("id").asLong();
        Reply withVariants = expect(
                api.post(
                        "/catalog/products",
                        "{\"name\":\"Canvas Shoe\",\"type\":\"physical\",\"weight\":2,\"price\":80,\"sku\":\"SHOE\","
                                + "\"brand_name\":\"Walkers\",\"variants\":["
                                + "{\"sku\":\"SHOE-42\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"42\"}]},"
                                + "{\"sku\":\"SHOE-43\",\"price\":82,\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"43\"}]}]}"),
                200);
        expect(
                api.post(
                        "/catalog/products",
                        "{\"name\":\"Linen Towel\",\"type\":\"physical\",\"weight\":1,\"price\":1}"),
                409);
        expect(
                api.post(
                        "/catalog/products",
                        "{\"name\":\"Other\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"sku\":\"towel-1\"}"),
                409);
        expect(
                api.post(
                        "/catalog/products",
                        "{\"name\":\"Lost\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":[999999]}"),
                422);
        expect(
                api.get("/catalog/products/" + id + "?include=variants,images,custom_fields,options,primary_image"),
                200);
        expect(api.get("/catalog/products/" + id + "?include_fields=name,price,sku"), 200);
        expect(api.get("/catalog/products?sku=TOWEL-1"), 200);
        expect(api.get("/catalog/products?sku:in=TOWEL-1,SHOE&include=variants,images"), 200);
        expect(
                api.get("/catalog/products?id:in=" + id + ","
                        + withVariants.data().path("id").asLong()),
                200);
        expect(api.get("/catalog/products?name=Canvas%20Shoe&availability=available&brand_id=" + brand), 200);
        expect(api.get("/catalog/products?categories:in=" + categories[2] + "&keyword=towel"), 200);
        expect(
                api.get(
                        "/catalog/products?date_modified:min=2020-01-01T00:00:00%2B00:00&sort=date_modified&direction=desc&limit=250&page=1"),
                200);
        expect(
                api.put(
                        "/catalog/products/" + id,
                        "{\"price\":26,\"sale_price\":22,\"search_keywords\":\"towel,linen\"}"),
                200);
        expect(
                api.put(
                        "/catalog/products/" + id + "?include=variants",
                        "{\"availability\":\"preorder\","
                                + "\"preorder_release_date\":\"2030-01-01T00:00:00+00:00\",\"custom_url\":{\"url\":\"/towels/linen/\",\"is_customized\":true}}"),
                200);
        expect(api.put("/catalog/products", "[{\"id\":" + id + ",\"inventory_level\":12}]"), 200);
        StringBuilder eleven = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"price\":1}");
        }
        expect(api.put("/catalog/products", eleven.append("]").toString()), 413);
        expect(api.get("/catalog/products/999999"), 404);
        expect(api.put("/catalog/products/999999", "{\"price\":1}"), 404);
        return id;
    }

    private void variantsAndOptions(long product) {
        Reply option = expect(
                api.post(
                        "/catalog/products/" + product + "/options",
                        "{\"display_name\":\"Colour\",\"type\":\"swatch\",\"option_values\":["
                                + "{\"label\":\"Natural\",\"sort_order\":0,\"value_data\":{\"colors\":[\"#EEE8D5\"]}},"
                                + "{\"label\":\"Indigo\",\"sort_order\":1,\"value_data\":{\"colors\":[\"#264653\"]}}]}"),
                200);
        long optionId = option.data().path("id").asLong();
        long natural = option.data().path("option_values").get(0).path("id").asLong();
        long indigo = option.data().path("option_values").get(1).path("id").asLong();
        expect(api.get("/catalog/products/" + product + "/options"), 200);
        expect(api.get("/catalog/products/" + product + "/options/" + optionId), 200);
        expect(api.put("/catalog/products/" + product + "/options/" + optionId, "{\"display_name\":\"Color\"}"), 200);
        Reply v1 = expect(
                api.post(
                        "/catalog/products/" + product + "/variants",
                        "{\"sku\":\"TOWEL-1-NAT\",\"price\":26,\"option_values\":[{\"id\":" + natural
                                + ",\"option_id\":" + optionId + "}]}"),
                200);
        long variant = v1.data().path("id").asLong();
        expect(
                api.post(
                        "/catalog/products/" + product + "/variants",
                        "{\"sku\":\"TOWEL-1-IND\",\"option_values\":[{\"id\":" + indigo + ",\"option_id\":" + optionId
                                + "}]}"),
                200);
        expect(api.get("/catalog/products/" + product + "/variants?limit=50&page=1"), 200);
        expect(api.get("/catalog/products/" + product + "/variants/" + variant), 200);
        expect(
                api.put(
                        "/catalog/products/" + product + "/variants/" + variant,
                        "{\"inventory_level\":5,\"sale_price\":20}"),
                200);
        expect(api.get("/catalog/variants?sku=towel-1-nat"), 200);
        expect(api.get("/catalog/variants?product_id:in=" + product + "&include_fields=sku,price"), 200);
        expect(api.put("/catalog/variants", "[{\"id\":" + variant + ",\"price\":27}]"), 200);
        Reply value = expect(
                api.post(
                        "/catalog/products/" + product + "/options/" + optionId + "/values",
                        "{\"label\":\"Sage\",\"sort_order\":2}"),
                200);
        long sage = value.data().path("id").asLong();
        expect(api.get("/catalog/products/" + product + "/options/" + optionId + "/values"), 200);
        expect(api.get("/catalog/products/" + product + "/options/" + optionId + "/values/" + sage), 200);
        expect(
                api.put(
                        "/catalog/products/" + product + "/options/" + optionId + "/values/" + sage,
                        "{\"label\":\"Sage Green\",\"sort_order\":2}"),
                200);
        expect(api.delete("/catalog/products/" + product + "/options/" + optionId + "/values/" + sage), 204);
        expect(api.get("/catalog/products/" + product + "/variants/999999"), 404);
    }

    private void productParts(long product) {
        Reply image = expect(
                api.post(
                        "/catalog/products/" + product + "/images",
                        "{\"image_url\":\"https://example.com/img/towel-back.jpg\",\"description\":\"Back\",\"sort_order\":1}"),
                200);
        long imageId = image.data().path("id").asLong();
        expect(api.get("/catalog/products/" + product + "/images"), 200);
        expect(api.get("/catalog/products/" + product + "/images/" + imageId), 200);
        expect(
                api.put(
                        "/catalog/products/" + product + "/images/" + imageId,
                        "{\"is_thumbnail\":true,\"sort_order\":0}"),
                200);
        expect(api.delete("/catalog/products/" + product + "/images/" + imageId), 204);
        expect(api.get("/catalog/products/" + product + "/images/999999"), 404);

        Reply field = expect(
                api.post("/catalog/products/" + product + "/custom-fields", "{\"name\":\"Care\",\"value\":\"40C\"}"),
                200);
        long fieldId = field.data().path("id").asLong();
        expect(api.get("/catalog/products/" + product + "/custom-fields"), 200);
        expect(api.get("/catalog/products/" + product + "/custom-fields/" + fieldId), 200);
        expect(api.put("/catalog/products/" + product + "/custom-fields/" + fieldId, "{\"value\":\"30C\"}"), 200);
        expect(api.delete("/catalog/products/" + product + "/custom-fields/" + fieldId), 204);

        Reply metafield = expect(
                api.post(
                        "/catalog/products/" + product + "/metafields",
                        "{\"namespace\":\"storesync\",\"key\":\"origin\",\"value\":\"PT\",\"permission_set\":\"read\"}"),
                200);
        long metafieldId = metafield.data().path("id").asLong();
        expect(
                api.post(
                        "/catalog/products/" + product + "/metafields",
                        "{\"namespace\":\"storesync\",\"key\":\"origin\",\"value\":\"ES\",\"permission_set\":\"read\"}"),
                409);
        expect(api.get("/catalog/products/" + product + "/metafields?namespace=storesync"), 200);
        expect(api.get("/catalog/products/" + product + "/metafields/" + metafieldId), 200);
        expect(api.put("/catalog/products/" + product + "/metafields/" + metafieldId, "{\"value\":\"FR\"}"), 200);
        expect(api.delete("/catalog/products/" + product + "/metafields/" + metafieldId), 204);
    }

    private void listings(long channel, long product) {
        JsonNode variants =
                api.get("/catalog/products/" + product + "/variants").data();
        StringBuilder items = new StringBuilder();
        for (JsonNode v : variants) {
            items.append(items.length() == 0 ? "" : ",")
                    .append("{\"product_id\":")
                    .append(product)
                    .append(",\"variant_id\":")
                    .append(v.path("id").asLong())
                    .append(",\"state\":\"active\"}");
        }
        Reply created = expect(
                api.post(
                        "/channels/" + channel + "/listings",
                        "[{\"product_id\":" + product + ",\"state\":\"active\",\"variants\":[" + items + "]}]"),
                200);
        long listing = created.data().get(0).path("listing_id").asLong();
        expect(api.get("/channels/" + channel + "/listings?limit=10"), 200);
        expect(api.get("/channels/" + channel + "/listings?after=" + listing + "&limit=10"), 200);
        expect(api.get("/channels/" + channel + "/listings/" + listing), 200);
        expect(
                api.put(
                        "/channels/" + channel + "/listings",
                        "[{\"listing_id\":" + listing + ",\"product_id\":" + product
                                + ",\"state\":\"disabled\",\"variants\":[" + items + "]}]"),
                200);
        expect(
                api.put(
                        "/catalog/products/channel-assignments",
                        "[{\"product_id\":" + product + ",\"channel_id\":" + channel + "}]"),
                204);
        expect(api.get("/catalog/products/channel-assignments?product_id:in=" + product), 200);
        expect(
                api.delete(
                        "/catalog/products/channel-assignments?product_id:in=" + product + "&channel_id:in=" + channel),
                204);
    }

    private void hooks() {
        Reply created = expect(
                api.post(
                        "/hooks",
                        "{\"scope\":\"store/product/updated\",\"destination\":\"https://sync.example.com/webhooks\",\"is_active\":true,"
                                + "\"headers\":{\"X-Webhook-Secret\":\"0123456789abcdef\"}}"),
                200);
        long id = created.data().path("id").asLong();
        expect(api.get("/hooks"), 200);
        expect(api.get("/hooks?scope=store/product/updated&is_active=true"), 200);
        expect(api.get("/hooks/" + id), 200);
        expect(api.put("/hooks/" + id, "{\"is_active\":false}"), 200);
        expect(api.get("/hooks/admin"), 200);
        expect(api.get("/hooks/999999"), 404);
        expect(api.delete("/hooks/" + id), 200);
    }

    private void legacyCategories() {
        Reply created = expect(api.post("/catalog/categories", "{\"name\":\"Garden\",\"parent_id\":0}"), 200);
        long id = created.data().path("id").asLong();
        expect(api.post("/catalog/categories", "{\"name\":\"Garden\",\"parent_id\":0}"), 409);
        expect(api.get("/catalog/categories?parent_id=0&limit=50"), 200);
        expect(api.get("/catalog/categories/" + id), 200);
        expect(api.put("/catalog/categories/" + id, "{\"description\":\"Everything for the home\"}"), 200);
        expect(api.get("/catalog/categories/999999"), 404);
        expect(api.delete("/catalog/categories/" + id), 204);
    }

    private void cleanUp(long product, long brand) {
        expect(api.delete("/catalog/products/" + product), 204);
        expect(api.delete("/catalog/brands/" + brand), 204);
        expect(api.delete("/catalog/trees/categories?category_id:in=999999"), 202);
    }

    private static Reply expect(Reply reply, int status) {
        assertThat(reply.status()).as("answer %s", reply.body()).isEqualTo(status);
        return reply;
    }
}
