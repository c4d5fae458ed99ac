package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogSeederTest {
    private static Catalog catalog() {
        return new Catalog("seedstore", "1000", Clock.systemUTC(), 100, "simulator");
    }

    private static List<JsonNode> products(Catalog catalog) {
        return new ArrayList<>(catalog.products
                .list(new ListQuery(Map.of("limit", "250", "include", "variants,images,custom_fields")))
                .items());
    }

    @Test
    void theSameSeedGivesTheSameCatalog() {
        Catalog first = catalog();
        Catalog second = catalog();
        CatalogSeeder.seed(first, 40, 11);
        CatalogSeeder.seed(second, 40, 11);
        Catalog other = catalog();
        CatalogSeeder.seed(other, 40, 12);

        Function<Catalog, List<String>> fingerprint = c -> products(c).stream()
                .map(p -> p.path("name").asText() + "|" + p.path("sku").asText() + "|"
                        + p.path("price").asText() + "|" + p.path("variants").size() + "|"
                        + p.path("images").size())
                .toList();
        assertThat(fingerprint.apply(first)).isEqualTo(fingerprint.apply(second));
        assertThat(fingerprint.apply(first)).isNotEqualTo(fingerprint.apply(other));
    }

    @Test
    void theCatalogExercisesASync() {
        Catalog catalog = catalog();
        CatalogSeeder.Seeded seeded = CatalogSeeder.seed(catalog, 50, 3);
        List<JsonNode> products = products(catalog);

        assertThat(products).hasSize(50);
        assertThat(seeded.categories()).containsKeys("Men/Shoes", "Women/Shoes", "Home/Accessories", "Men/Accessories");
        assertThat(seeded.categories().get("Men/Shoes"))
                .isNotEqualTo(seeded.categories().get("Women/Shoes"));
        assertThat(products).anyMatch(p -> p.path("variants").size() > 1);
        assertThat(products).anyMatch(p -> p.path("custom_fields").size() > 0);
        assertThat(products).allMatch(p -> p.path("images").size() >= 1);
        assertThat(products.stream().map(p -> p.path("sku").asText()))
                .anyMatch(sku -> sku.contains("+"))
                .anyMatch(sku -> sku.contains(" "))
                .anyMatch(sku -> sku.contains("/"))
                .anyMatch(sku -> !sku.matches("\\p{ASCII}*"));
        Map<String, Long> states =
                catalog
                        .channels
                        .listings(seeded.storeBChannel(), new ListQuery(Map.of("limit", "250")))
                        .listings()
                        .stream()
                        .collect(Collectors.groupingBy(l -> l.path("state").asText(), Collectors.counting()));
        assertThat(states.get("active")).isGreaterThan(30);
        assertThat(states).containsKey("disabled");
        assertThat(states.values().stream().mapToLong(Long::longValue).sum())
                .as("some are not listed")
                .isLessThan(50);
    }
}
