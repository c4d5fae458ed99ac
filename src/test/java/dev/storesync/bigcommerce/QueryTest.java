package dev.storesync.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "TEE+XL        | TEE%2BXL",
                "TEE LONG      | TEE%20LONG",
                "TEE/2         | TEE%2F2",
                "'A,B'         | A%2CB",
                "CAFÉ-1        | CAF%C3%89-1",
                "Ñ-7           | %C3%91-7",
                "100%          | 100%25",
                "a&b=c         | a%26b%3Dc",
                "#1?           | %231%3F",
                "plain-sku_1.~ | plain-sku_1.~"
            })
    void valuesArePercentEncodedAsUtf8(String value, String encoded) {
        assertThat(Query.of("sku", value).encoded()).isEqualTo("sku=" + encoded);
        assertThat(Query.of("sku", value).value("sku")).hasValue(value);
    }

    @Test
    void listsAreJoinedWithLiteralCommas() {
        Query query =
                Query.empty().withList("id:in", List.of(1, 2, 3)).withList("include", List.of("variants", "images"));

        assertThat(query.encoded()).isEqualTo("id:in=1,2,3&include=variants,images");
    }

    @Test
    void aListValueWithACommaIsRefused() {
        assertThatThrownBy(() -> Query.empty().withList("sku:in", List.of("A,B", "C")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A,B");
    }

    @Test
    void settingAParameterAgainReplacesIt() {
        Query query = Query.of("limit", 50).with("page", 1).with("limit", 250);

        assertThat(query.encoded()).isEqualTo("page=1&limit=250");
        assertThat(query.value("limit")).hasValue("250");
        assertThat(query.value("after")).isEmpty();
    }
}
