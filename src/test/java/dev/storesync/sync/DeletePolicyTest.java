package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.config.DeletePolicy;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A product and a category deleted in Store A, under each DELETE_POLICY. */
class DeletePolicyTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(DeletePolicy.class)
    void deletesFollowThePolicy(DeletePolicy policy) {
        try (SyncHarness sync = SyncHarness.builder(dataDir)
                .deletePolicy(policy)
                .channel(false)
                .contractLog(getClass().getSimpleName())
                .start()) {
            long category = categoryIn(sync.a(), 0, "Clearance");
            ObjectNode body = product("Last Lamp", "GONE-1", 30);
            body.putArray("categories").add(category);
            long id = create(sync.a(), body);
            sync.awaitInSync();
            long categoryInB =
                    bySku(sync.b(), "GONE-1").path("categories").get(0).asLong();

            sync.a().products.delete(id);
            sync.a().categories.deleteMatching(new ListQuery(Map.of("category_id:in", Long.toString(category))));

            sync.awaitInSync();
            List<ObjectNode> categoriesInB = sync.b()
                    .categories
                    .list(new ListQuery(Map.of("category_id:in", Long.toString(categoryInB))))
                    .items();
            switch (policy) {
                case DELETE -> {
                    assertThat(countBySku(sync.b(), "GONE-1")).isZero();
                    assertThat(categoriesInB).isEmpty();
                }
                case DISABLE -> {
                    ObjectNode inB = bySku(sync.b(), "GONE-1");
                    assertThat(inB.path("is_visible").asBoolean()).isFalse();
                    assertThat(inB.path("availability").asText()).isEqualTo("disabled");
                    assertThat(categoriesInB.get(0).path("is_visible").asBoolean())
                            .isFalse();
                }
                case IGNORE -> {
                    assertThat(bySku(sync.b(), "GONE-1").path("is_visible").asBoolean())
                            .isTrue();
                    assertThat(categoriesInB.get(0).path("is_visible").asBoolean())
                            .isTrue();
                }
            }
        }
    }
}
