package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HttpAnswersTest {
    /**
     * platform-http writes a String body to the connection as it is; a {@code byte[]} it turns into a stream that a
     * worker thread copies out, a thread hand-off for every webhook answered. The answer must also survive being read
     * before it is sent (a log step an integration team adds, Camel's tracer), which a {@code ByteBuffer} would not.
     */
    @Test
    void anAnswerIsJsonInABodyPlatformHttpSendsAsItIsAndReadingItLeavesItWhole() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("X-Webhook-Secret", "from the request");

        new HttpAnswers(new ObjectMapper()).ok(exchange, Map.of("status", "accepted"));

        assertThat(exchange.getMessage().getBody()).isInstanceOf(String.class);
        assertThat(exchange.getMessage().getBody(byte[].class)).asString().isEqualTo("{\"status\":\"accepted\"}");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(exchange.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE)
                .containsEntry(Exchange.HTTP_RESPONSE_CODE, 200)
                .containsEntry(Exchange.CONTENT_TYPE, "application/json");
    }
}
