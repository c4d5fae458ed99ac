package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.EndToEndTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Brands, categories and what hangs off a product, as real stores treat them; each test ends with Store B matching
 * Store A.
 */
class CatalogFidelityTest extends EndToEndTest {

    @Test
    void aBrandStoreBHasInAnotherCaseIsAdoptedNotCreated() {
        long acme = brand(sync.b(), "Acme");
        ObjectNode anvil = product("Anvil", "ANVIL-1", 80);
        anvil.put("brand_id", brand(sync.a(), "ACME"));
        create(sync.a(), anvil);

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "ANVIL-1").path("brand_id").asLong()).isEqualTo(acme);
        assertThat(sync.b().brands.list(new ListQuery(Map.of("limit", "250"))).items())
                .as("one brand, in Store A's spelling")
                .singleElement()
                .satisfies(b -> assertThat(b.path("name").asText()).isEqualTo("ACME"));
    }
}
