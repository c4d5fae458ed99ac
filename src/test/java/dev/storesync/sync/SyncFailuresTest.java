package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.EndToEndTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a sync cannot do by itself becomes a dead letter whose reason a person understands, and never holds up the
 * products that can sync.
 */
class SyncFailuresTest extends EndToEndTest {

    @Test
    void aProductWithoutSkuIsADeadLetterThatSaysSo() {
        long id = create(sync.a(), product("Nameless Mug", "", 9));
        long fine = create(sync.a(), product("Fine Mug", "FINE-1", 9));

        SyncTask dead = awaitDead(id);

        assertThat(dead.lastError().orElseThrow().message())
                .isEqualTo("Store A product " + id
                        + " ('Nameless Mug') has no SKU; products are matched by SKU, so it syncs once it has one");
        awaitDone(fine);
        assertThat(countBySku(sync.b(), "FINE-1"))
                .as("the others are not held up")
                .isEqualTo(1);
    }

    @Test
    void aStoreBProductWithTheSameNameButAnotherSkuIsADeadLetterThatSaysSo() {
        long other = create(sync.b(), product("Copper Mug", "MUG-B", 12));
        long id = create(sync.a(), product("Copper Mug", "MUG-A", 12));

        SyncTask dead = awaitDead(id);

        assertThat(dead.lastError().orElseThrow().message())
                .startsWith("Store B already has a product named 'Copper Mug' (id " + other
                        + ", SKU 'MUG-B') while Store A's product " + id + " has SKU 'MUG-A'");
        assertThat(countBySku(sync.b(), "MUG-A")).isZero();
    }

    @Test
    void aCategoryThatCannotBePlacedIsADeadLetterThatSaysSo() {
        // Store B's "Outlet" already answers at /shoes/, the address Store A's "Shoes" has
        ObjectNode outlet = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("name", "Outlet")
                .put("tree_id", 1);
        outlet.putObject("url").put("path", "/shoes/").put("is_customized", true);
        sync.b()
                .categories
                .createBatch(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .arrayNode()
                        .add(outlet));
        long shoes = categoryIn(sync.a(), 0, "Shoes");
        ObjectNode boot = product("Chelsea Boot", "BOOT-1", 140);
        boot.putArray("categories").add(shoes);
        long id = create(sync.a(), boot);

        SyncTask dead = awaitDead(id);

        assertThat(dead.lastError().orElseThrow().message())
                .startsWith("category " + shoes + " ('Shoes') cannot be placed in Store B: Store B refused POST"
                        + " /catalog/trees/categories (422 ")
                .endsWith("url: the URL /shoes/ is already used by another category");
        assertThat(sync.service()
                        .queue()
                        .find("storeb:category:" + shoes)
                        .orElseThrow()
                        .status())
                .isEqualTo(TaskStatus.DEAD);
    }

    @Test
    void aCustomUrlThatAnotherStoreBProductHasIsADeadLetterWhileTheRestArrives() {
        ObjectNode theirs = product("Storm Lantern", "LANTERN-B", 30);
        theirs.putObject("custom_url").put("url", "/lantern/").put("is_customized", true);
        long other = create(sync.b(), theirs);
        ObjectNode ours = product("Hurricane Lamp", "LAMP-A", 45).put("description", "<p>Brass.</p>");
        ours.putObject("custom_url").put("url", "/lantern/").put("is_customized", true);
        long id = create(sync.a(), ours);

        SyncTask dead = awaitDead(id);

        assertThat(dead.lastError().orElseThrow().message())
                .as("a 207 is a failure of the part Store B refused, with its reason")
                .contains("saved only part of")
                .contains("(207 ")
                .endsWith("custom_url: The URL /lantern/ is taken by product " + other);
        ObjectNode inB = bySku(sync.b(), "LAMP-A");
        assertThat(inB.path("description").asText()).as("the rest arrived").isEqualTo("<p>Brass.</p>");
        assertThat(inB.path("custom_url").path("url").asText()).isNotEqualTo("/lantern/");
        assertThat(countBySku(sync.b(), "LAMP-A"))
                .as("created once, then updated")
                .isEqualTo(1);
    }

    private SyncTask awaitDead(long product) {
        return awaitStatus(product, TaskStatus.DEAD);
    }

    private void awaitDone(long product) {
        awaitStatus(product, TaskStatus.DONE);
    }

    private SyncTask awaitStatus(long product, TaskStatus status) {
        String task = "storeb:product:" + product;
        await().atMost(Duration.ofSeconds(60)).until(() -> sync.service()
                .queue()
                .find(task)
                .map(t -> t.status() == status)
                .orElse(false));
        return sync.service().queue().find(task).orElseThrow();
    }
}
