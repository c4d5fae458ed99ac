package dev.storesync.bigcommerce;

import dev.storesync.config.StoreCredentials;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;

/**
 * camel-http with one endpoint per store: method, path and query travel as headers ({@code CamelHttpMethod},
 * {@code CamelHttpPath}, {@code CamelHttpQuery}), so a million products share one endpoint and its connection pool.
 * The template is looked up per call because the clients are built before the Camel context runs.
 * Failure statuses come back as answers ({@code throwExceptionOnFailure=false}); retrying is the client's business,
 * never HttpClient's (the component runs with {@code automaticRetriesDisabled=true}).
 */
public final class CamelHttpTransport implements HttpTransport {
    private static final String[] ANSWER_HEADERS = {
        "X-Rate-Limit-Requests-Left", "X-Rate-Limit-Requests-Quota", "X-Rate-Limit-Time-Reset-Ms",
        "X-Rate-Limit-Time-Window-Ms", "X-Retry-After", "Content-Type"
    };

    private final Supplier<ProducerTemplate> template;
    private final String endpointUri;
    private final StoreCredentials store;

    public CamelHttpTransport(
            Supplier<ProducerTemplate> template, StoreCredentials store, long connectTimeoutMs, long readTimeoutMs) {
        this.template = template;
        this.store = store;
        this.endpointUri = store.v3BaseUrl() + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + connectTimeoutMs
                + "&connectionRequestTimeout=" + readTimeoutMs
                + "&responseTimeout=" + readTimeoutMs
                + "&soTimeout=" + readTimeoutMs;
    }

    @Override
    public ApiResponse send(ApiRequest request, byte[] body) throws IOException {
        Exchange exchange = template.get().send(endpointUri, ex -> {
            Message in = ex.getIn();
            // as the enum the component reads: a name would go through the type converters' lookup on every call
            in.setHeader(
                    Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method().name()));
            in.setHeader(Exchange.HTTP_PATH, request.path());
            if (!request.query().isEmpty()) {
                in.setHeader(Exchange.HTTP_QUERY, request.query().encoded());
            }
            in.setHeader("X-Auth-Token", store.accessToken().reveal());
            store.clientId().ifPresent(id -> in.setHeader("X-Auth-Client", id));
            in.setHeader("Accept", "application/json");
            if (body != null) {
                in.setHeader(Exchange.CONTENT_TYPE, "application/json");
                in.setBody(body);
            }
        });
        if (exchange.getException() != null) {
            throw new IOException(describe(exchange.getException()), exchange.getException());
        }
        Message answer = exchange.getMessage();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ANSWER_HEADERS) {
            String value = answer.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        Integer status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new ApiResponse(status == null ? 0 : status, headers, answer.getBody(byte[].class));
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
