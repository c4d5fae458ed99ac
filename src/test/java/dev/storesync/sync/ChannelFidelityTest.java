package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.config.InvalidSettingsException;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STORE_B_CHANNEL_ON_STORE_A against a store that answers a channel it does not have with no listings, as it answers a
 * channel where nothing is listed (channels spec).
 */
class ChannelFidelityTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void aChannelStoreADoesNotHaveStopsTheStartInsteadOfDisablingStoreB() {
        assertThatThrownBy(() -> SyncHarness.builder(dir)
                        .property("storesync.store-b.channel-on-store-a", "999999")
                        .start())
                .hasRootCauseInstanceOf(InvalidSettingsException.class)
                .rootCause()
                .hasMessageStartingWith("invalid configuration: STORE_B_CHANNEL_ON_STORE_A is 999999, but Store A has"
                        + " no channel 999999 (its channels: ")
                .hasMessageContaining("'Store B'");
    }

    @Test
    void aProductListedTwiceIsAvailableWhileOneOfItsListingsIsActive() {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            long id = create(sync.a(), product("Copper Kettle", "KETTLE-1", 55));
            long channel = sync.channel().getAsLong();
            sync.a()
                    .channels
                    .createListings(
                            channel,
                            JSON.arrayNode().add(listing(id, "disabled")).add(listing(id, "active")));
            sync.a()
                    .channels
                    .assign(JSON.arrayNode()
                            .add(JSON.objectNode().put("product_id", id).put("channel_id", channel)));

            sync.awaitInSync();
            assertThat(bySku(sync.b(), "KETTLE-1").path("availability").asText())
                    .isEqualTo("available");
        }
    }

    private static ObjectNode listing(long product, String state) {
        ObjectNode listing = JSON.objectNode().put("product_id", product).put("state", state);
        listing.putArray("variants");
        return listing;
    }
}
