package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoTimeoutException;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.bigcommerce.RateLimitedException;
import dev.storesync.bigcommerce.TransientApiException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
    @Test
    void handlersSayWhatTheyMean() {
        TaskFailure retry = FailureClassifier.classify(
                new RetryableSyncException("Store B rate limit", Duration.ofSeconds(20), null));
        TaskFailure permanent = FailureClassifier.classify(new PermanentSyncException("product 5 has no SKU"));

        assertThat(retry)
                .isEqualTo(new TaskFailure(FailureKind.TRANSIENT, "Store B rate limit", Duration.ofSeconds(20)));
        assertThat(permanent).isEqualTo(TaskFailure.permanent("product 5 has no SKU"));
    }

    @Test
    void theHandlersWordWinsWhenWrapped() {
        Exception wrapped = new CamelExecutionException(
                "route failed", null, new PermanentSyncException("duplicate name", new IOException("409")));

        assertThat(FailureClassifier.classify(wrapped).kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void storeAnswersCarryTheirMeaning() {
        TaskFailure limited = FailureClassifier.classify(
                new RuntimeException(new RateLimitedException("B", "GET /catalog/products", Duration.ofSeconds(7))));
        TaskFailure down = FailureClassifier.classify(
                new TransientApiException("A", "GET /catalog/products/5", 503, "Store A failed GET 3 times", null));
        TaskFailure refused = FailureClassifier.classify(new PermanentApiException(
                "B",
                "POST /catalog/products",
                422,
                "Store B refused POST /catalog/products (422 Invalid); categories: category 9 does not exist",
                Map.of("categories", "category 9 does not exist")));

        assertThat(limited.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(down).isEqualTo(TaskFailure.transientFailure("Store A failed GET 3 times"));
        assertThat(refused)
                .isEqualTo(TaskFailure.permanent(
                        "Store B refused POST /catalog/products (422 Invalid); categories: category 9 does not exist"));
    }

    @Test
    void networkAndDatabaseTroubleIsTransient() {
        assertThat(FailureClassifier.classify(new SocketTimeoutException("read timed out")))
                .isEqualTo(TaskFailure.transientFailure("SocketTimeoutException: read timed out"));
        assertThat(FailureClassifier.classify(new RuntimeException(new MongoTimeoutException("no server")))
                        .kind())
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void bugsAreDeadLetteredWithTheirCause() {
        TaskFailure failure =
                FailureClassifier.classify(new IllegalStateException("wrapper", new NullPointerException()));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("NullPointerException");
    }

    @Test
    void longReasonsAreCut() {
        String reason = FailureClassifier.classify(new PermanentSyncException("x".repeat(5_000)))
                .reason();

        assertThat(reason).hasSizeLessThanOrEqualTo(1_001);
    }
}
