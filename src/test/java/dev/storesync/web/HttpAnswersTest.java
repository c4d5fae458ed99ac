package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HttpAnswersTest {
    /**
     * platform-http writes a {@link ByteBuffer} body to the connection as it is; a {@code byte[]} it turns into a
     * stream that a worker thread copies out, a thread hand-off for every webhook answered.
     */
    @Test
    void anAnswerIsJsonInABodyPlatformHttpSendsAsItIs() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("X-Webhook-Secret", "from the request");

        new HttpAnswers(new ObjectMapper()).ok(exchange, Map.of("status", "accepted"));

        Object body = exchange.getMessage().getBody();
        assertThat(body).isInstanceOf(ByteBuffer.class);
        assertThat(StandardCharsets.UTF_8.decode((ByteBuffer) body).toString()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(exchange.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE)
                .containsEntry(Exchange.HTTP_RESPONSE_CODE, 200)
                .containsEntry(Exchange.CONTENT_TYPE, "application/json");
    }
}
