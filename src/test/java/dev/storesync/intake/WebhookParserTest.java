package dev.storesync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storesync.web.HttpProblem;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every scope storesync accepts, in the payload shapes BigCommerce documents, and what each one is about. */
class WebhookParserTest {
    private static final String HASH = "a833a57fadd56a32dc752fb6ca0841dc9602a495";
    private final WebhookParser parser = new WebhookParser();

    private WebhookEvent parse(String scope, String data) {
        String body = "{\"scope\":\"" + scope + "\",\"store_id\":\"1025646\",\"data\":" + data + ",\"hash\":\"" + HASH
                + "\",\"created_at\":1561479233,\"producer\":\"stores/abc\"}";
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "store/product/created | {\"type\":\"product\",\"id\":205} | product | 205",
                "store/product/updated | {\"type\":\"product\",\"id\":205} | product | 205",
                "store/product/deleted | {\"type\":\"product\",\"id\":205} | product | 205",
                "store/product/inventory/updated | {\"type\":\"product\",\"id\":167,\"inventory\":{\"product_id\":167,"
                        + "\"method\":\"absolute\",\"value\":100000000}} | product | 167",
                "store/product/inventory/order/updated | {\"type\":\"product\",\"id\":167} | product | 167",
                "store/product/metafield/updated | {\"metafield_id\":9,\"resource_id\":\"205\",\"namespace\":\"x\"}"
                        + " | product | 205",
                "store/sku/created | {\"type\":\"sku\",\"id\":461,\"sku\":{\"product_id\":206,\"variant_id\":509}}"
                        + " | product | 206",
                "store/sku/deleted | {\"type\":\"sku\",\"id\":461,\"sku\":{\"product_id\":206,\"variant_id\":509}}"
                        + " | product | 206",
                "store/sku/inventory/updated | {\"type\":\"sku\",\"id\":461,\"inventory\":{\"product_id\":206,"
                        + "\"method\":\"absolute\",\"value\":5,\"variant_id\":509}} | product | 206",
                "store/category/created | {\"type\":\"category\",\"id\":42} | category | 42",
                "store/category/deleted | {\"type\":\"category\",\"id\":42} | category | 42",
                "store/channel/1/product/assigned | {\"product_id\":77,\"channel_id\":1} | product | 77",
                "store/channel/12/product/unassigned | {\"type\":\"product\",\"id\":78} | product | 78",
            })
    void acceptsTheDocumentedShapes(String scope, String data, String type, long id) {
        WebhookEvent event = parse(scope, data);

        assertThat(event.scope()).isEqualTo(scope);
        assertThat(event.resourceType()).isEqualTo(type);
        assertThat(event.resourceId()).isEqualTo(id);
        assertThat(event.createdAt()).isEqualTo(1561479233L);
        assertThat(event.storeId()).hasValue("1025646");
        assertThat(event.producer()).hasValue("stores/abc");
    }

    @Test
    void theDedupeKeyTellsScopesAndTimesApart() {
        WebhookEvent created = parse("store/product/created", "{\"type\":\"product\",\"id\":205}");
        WebhookEvent updated = parse("store/product/updated", "{\"type\":\"product\",\"id\":205}");

        assertThat(created.eventId()).isNotEqualTo(updated.eventId());
        assertThat(created.eventId()).isEqualTo("store/product/created|" + HASH + "|1561479233");
    }

    @Test
    void hashIsNormalisedAndUnknownTopLevelFieldsAreIgnored() {
        String body = "{\"scope\":\"store/product/updated\",\"data\":{\"type\":\"product\",\"id\":1},\"hash\":\""
                + HASH.toUpperCase() + "\",\"created_at\":1,\"future_field\":{\"x\":1}}";

        WebhookEvent event = parser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(event.hash()).isEqualTo(HASH);
        assertThat(event.storeId()).isEqualTo(Optional.empty());
    }

    @Test
    void aNumericStoreIdIsAccepted() {
        String body =
                "{\"scope\":\"store/product/updated\",\"store_id\":1025646,\"data\":{\"type\":\"product\",\"id\":1},"
                        + "\"hash\":\"" + HASH + "\",\"created_at\":1}";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)).storeId())
                .hasValue("1025646");
    }

    @Test
    void refusalsCarryAStatusAndAReason() {
        assertThatThrownBy(() -> parse("store/product/updated", "{\"type\":\"product\",\"id\":-1}"))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo("invalid_payload");
                    assertThat(problem.getMessage()).contains("data.id must be a positive integer");
                });
    }
}
