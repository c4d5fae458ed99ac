package dev.storesync.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.CatalogSeeder;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.StoreFixture;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Listings are read to the end: page-based by {@code total_pages}, cursor-based by {@code after}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    record ProductRef(long id, String sku, String name) {}

    record VariantRef(long id, long productId, String sku) {}

    record ImageRef(long id, int sortOrder, String description) {}

    private StoreFixture store;
    private BigCommerceClient client;
    private CatalogSeeder.Seeded seeded;
    private long bigProduct;

    @BeforeAll
    void seed() {
        store = StoreFixture.start(getClass().getSimpleName());
        seeded = CatalogSeeder.seed(store.catalog(), 600, 4);
        bigProduct = productWith300VariantsAnd60Images();
        client = store.client();
    }

    @AfterAll
    void stop() {
        store.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        store.requests().clear();
    }

    @Test
    void allProductsArriveInPagesOf250() {
        List<ProductRef> products = client.getAll("/catalog/products", Query.empty(), ProductRef.class);

        assertThat(products).hasSize(601);
        assertThat(products.stream().map(ProductRef::id).distinct()).hasSize(601);
        assertThat(products.stream().map(ProductRef::id)).containsAll(seeded.products());
        assertThat(store.requests().entries())
                .extracting(e -> e.query())
                .containsExactly("limit=250&page=1", "limit=250&page=2", "limit=250&page=3");
    }

    @Test
    void filtersTravelWithEveryPage() {
        List<ProductRef> visible =
                client.getAll("/catalog/products", Query.of("is_visible", true).with("limit", 100), ProductRef.class);

        long expected = store.catalog()
                .products
                .list(new ListQuery(java.util.Map.of("is_visible", "true")))
                .total();
        assertThat(visible).hasSize((int) expected);
        assertThat(store.requests().entries())
                .allSatisfy(e -> assertThat(e.query()).startsWith("is_visible=true&limit=100&page="))
                .hasSize((int) Math.ceil(expected / 100.0));
    }

    @Test
    void threeHundredVariantsTakeTwoPages() {
        List<VariantRef> variants =
                client.getAll("/catalog/products/" + bigProduct + "/variants", Query.empty(), VariantRef.class);

        assertThat(variants).hasSize(300);
        assertThat(variants).allSatisfy(v -> assertThat(v.productId()).isEqualTo(bigProduct));
        assertThat(variants.stream().map(VariantRef::sku).distinct()).hasSize(300);
        assertThat(store.requests().total()).isEqualTo(2);
    }

    @Test
    void sixtyImagesInPagesOf25() {
        List<ImageRef> images =
                client.getAll("/catalog/products/" + bigProduct + "/images", Query.of("limit", 25), ImageRef.class);

        assertThat(images)
                .extracting(ImageRef::sortOrder)
                .containsExactlyElementsOf(IntStream.range(0, 60).boxed().toList());
        assertThat(store.requests().entries())
                .extracting(e -> e.query())
                .containsExactly("limit=25&page=1", "limit=25&page=2", "limit=25&page=3");
    }

    @Test
    void channelListingsFollowTheCursorToTheEnd() {
        long channel = seeded.storeBChannel();
        long total =
                store.catalog().channels.listings(channel, ListQuery.empty()).total();

        List<ChannelListing> listings = client.getAllAfter(
                "/channels/" + channel + "/listings", Query.empty(), ChannelListing.class, ChannelListing::listingId);

        assertThat(total).isGreaterThan(500);
        assertThat(listings).hasSize((int) total);
        assertThat(listings.stream().map(ChannelListing::productId).distinct()).hasSize((int) total);
        assertThat(listings).allSatisfy(l -> assertThat(l.channelId()).isEqualTo(channel));
        assertThat(store.requests().entries()).hasSize(3);
        assertThat(store.requests().entries().get(0).query()).isEqualTo("limit=250");
        long lastOfFirstPage = listings.get(249).listingId();
        assertThat(store.requests().entries().get(1).query()).isEqualTo("limit=250&after=" + lastOfFirstPage);
    }

    @Test
    void aMissingParentReadsAsNothing() {
        assertThat(client.getAll("/catalog/products/999999999/variants", Query.empty(), VariantRef.class))
                .isEmpty();
        assertThat(client.get("/catalog/products/999999999", Query.empty(), ProductRef.class))
                .isEmpty();
    }

    private long productWith300VariantsAnd60Images() {
        ObjectNode body = JSON.objectNode()
                .put("name", "Paging Tee")
                .put("type", "physical")
                .put("sku", "PAGE-TEE")
                .put("price", 10)
                .put("weight", 1);
        ArrayNode variants = body.putArray("variants");
        for (int size = 1; size <= 20; size++) {
            for (int colour = 1; colour <= 15; colour++) {
                ArrayNode values = variants.addObject()
                        .put("sku", "PAGE-TEE-" + size + "-" + colour)
                        .putArray("option_values");
                values.addObject().put("option_display_name", "Size").put("label", "S" + size);
                values.addObject().put("option_display_name", "Colour").put("label", "C" + colour);
            }
        }
        long id = store.catalog().products.create(body).path("id").asLong();
        for (int k = 0; k < 60; k++) {
            store.catalog()
                    .images
                    .create(
                            id,
                            JSON.objectNode()
                                    .put("image_url", "https://images.example.com/page/" + k + ".jpg")
                                    .put("is_thumbnail", k == 0)
                                    .put("sort_order", k)
                                    .put("description", "view " + k));
        }
        return id;
    }
}
