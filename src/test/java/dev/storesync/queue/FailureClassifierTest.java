package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoCollection;
import dev.storesync.testsupport.TestDatabase;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelExecutionException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aTakenUniqueKeyIsPermanent(@TempDir Path dir) {
        try (TestDatabase db = TestDatabase.open(dir)) {
            MongoCollection<Document> collection = db.mongo().getCollection("classifier_test");
            collection.insertOne(new Document("_id", "one"));
            MongoException duplicate =
                    catchThrowableOfType(MongoException.class, () -> collection.insertOne(new Document("_id", "one")));

            assertThat(FailureClassifier.classify(new RuntimeException("sync failed", duplicate))
                            .kind())
                    .as("retrying the same write cannot succeed")
                    .isEqualTo(FailureKind.PERMANENT);
        }
    }

    @Test
    void aDocumentOverTheSizeLimitIsPermanent() {
        // what a real server answers when an update makes a document too large (the embedded one does not check)
        MongoCommandException tooLarge = new MongoCommandException(
                new BsonDocument("ok", new BsonInt32(0))
                        .append("code", new BsonInt32(17419))
                        .append("errmsg", new BsonString("Resulting document after update is larger than 16777216")),
                new ServerAddress());

        TaskFailure failure = FailureClassifier.classify(tooLarge);

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).contains("larger than 16777216");
    }

    @Test
    void aPauseIsNeitherTheTasksFailureNorCounted() {
        TaskFailure failure = FailureClassifier.classify(new CamelExecutionException(
                "route failed", null, new SyncPausedException("Store B refused the service's credentials", null)));

        assertThat(failure).isEqualTo(TaskFailure.paused("Store B refused the service's credentials"));
    }

    @Test
    void aLostLeaseIsTransient() {
        assertThat(FailureClassifier.classify(new LeaseLostException(LeaseLostException.Why.TAKEN_OVER, "taken over"))
                        .kind())
                .isEqualTo(FailureKind.TRANSIENT);
    }
}
