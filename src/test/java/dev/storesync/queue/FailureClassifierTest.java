package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoTimeoutException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
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
