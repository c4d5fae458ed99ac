package dev.storesync.persistence.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import dev.storesync.queue.IndexedCount;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's in-memory indexes: a query planned on one returns exactly what a scan of every document returns
 * (the same collection without indexes is the reference), and the queue's queries look at a handful of documents
 * however many there are.
 */
class OrderedIndexTest {
    private static final List<String> STATUSES = List.of("pending", "retry", "in_progress", "done", "dead");
    private static final long T0 = 1_700_000_000_000L;

    private MVStore store;
    private StoreBackend backend;
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private MongoCollection<Document> indexed;
    private MongoCollection<Document> plain;

    @BeforeEach
    void start() {
        store = MVStore.open(null);
        backend = new StoreBackend(store);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        db = client.getDatabase("test");
        indexed = db.getCollection("indexed");
        plain = db.getCollection("plain");
        indexed.createIndex(Indexes.ascending("dest", "status", "nextAttemptAt"), new IndexOptions().name("due"));
        indexed.createIndex(Indexes.ascending("dest", "updatedAt"), new IndexOptions().name("recent"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void plannedQueriesFindWhatAScanFinds() {
        insert(2_000, new Random(7));
        Date middle = new Date(T0 + 500_000);
        List<Bson> filters = List.of(
                and(eq("dest", "b"), in("status", "pending", "retry"), lte("nextAttemptAt", middle)),
                and(eq("dest", "b"), eq("status", "done")),
                and(eq("dest", "a"), in("status", "pending", "retry"), gt("nextAttemptAt", middle), eq("type", "t1")),
                and(
                        eq("dest", "a"),
                        eq("status", "retry"),
                        gte("nextAttemptAt", middle),
                        lt("nextAttemptAt", new Date(T0 + 700_000))),
                and(eq("dest", "a"), eq("status", null)),
                and(eq("dest", "b"), or(eq("status", "dead"), eq("type", "t2"))),
                and(eq("dest", "a"), lt("updatedAt", middle)),
                eq("status", "pending"),
                and(eq("dest", "b"), eq("status", "pending"), lte("nextAttemptAt", 5)));
        for (Bson filter : filters) {
            for (Bson sort : List.of(
                    Sorts.ascending("nextAttemptAt"),
                    Sorts.descending("nextAttemptAt"),
                    Sorts.descending("updatedAt"))) {
                for (int limit : List.of(0, 1, 7)) {
                    assertThat(ids(indexed, filter, sort, limit))
                            .as("%s sorted by %s, limit %d", filter, sort, limit)
                            .containsExactlyElementsOf(ids(plain, filter, sort, limit));
                }
            }
            assertThat(count(indexed, filter)).as("count %s", filter).isEqualTo(count(plain, filter));
        }
    }

    @Test
    void updatesAndDeletesKeepTheIndexTrue() {
        insert(1_000, new Random(11));
        Date cutoff = new Date(T0 + 300_000);
        for (MongoCollection<Document> c : List.of(indexed, plain)) {
            c.updateMany(
                    and(eq("dest", "a"), eq("status", "pending"), lt("nextAttemptAt", cutoff)),
                    Updates.combine(Updates.set("status", "in_progress"), Updates.set("nextAttemptAt", new Date(T0))));
            c.deleteMany(and(eq("dest", "b"), eq("status", "done"), lt("nextAttemptAt", cutoff)));
            c.updateOne(eq("_id", "task-5"), Updates.unset("nextAttemptAt"));
        }
        for (String status : STATUSES) {
            Bson filter = and(eq("dest", "a"), eq("status", status));
            assertThat(count(indexed, filter)).isEqualTo(count(plain, filter));
            assertThat(ids(indexed, filter, Sorts.ascending("nextAttemptAt"), 3))
                    .containsExactlyElementsOf(ids(plain, filter, Sorts.ascending("nextAttemptAt"), 3));
        }
    }

    @Test
    void theQueuesQueriesLookAtAHandfulOfDocumentsNotAllOfThem() {
        insert(10_000, new Random(3));
        long before = documentsRead();

        Document claimed = indexed.findOneAndUpdate(
                and(
                        eq("dest", "b"),
                        in("status", "pending", "retry"),
                        lte("nextAttemptAt", new Date(T0 + 5_000_000)),
                        in("type", "t1", "t2")),
                Updates.set("status", "in_progress"),
                new FindOneAndUpdateOptions()
                        .sort(Sorts.ascending("nextAttemptAt"))
                        .returnDocument(ReturnDocument.AFTER));
        assertThat(claimed).isNotNull();
        assertThat(documentsRead() - before).as("documents read by a claim").isLessThan(20);

        before = documentsRead();
        long pending = count(indexed, and(eq("dest", "b"), eq("status", "pending")));
        assertThat(pending).isGreaterThan(1_000);
        assertThat(documentsRead() - before)
                .as("documents read by a count per status")
                .isZero();

        before = documentsRead();
        indexed.find(and(eq("dest", "a"), in("status", "pending", "retry", "in_progress")))
                .sort(Sorts.ascending("nextAttemptAt"))
                .first();
        assertThat(documentsRead() - before)
                .as("documents read to find the oldest")
                .isLessThan(20);

        before = documentsRead();
        indexed.updateOne(and(eq("_id", "task-42"), eq("dest", "a")), Updates.set("seen", true));
        assertThat(documentsRead() - before)
                .as("documents read by an update by _id")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void anArrayInAnIndexedFieldTurnsTheIndexOffRatherThanMissDocuments() {
        insert(100, new Random(5));
        for (MongoCollection<Document> c : List.of(indexed, plain)) {
            c.insertOne(new Document("_id", "multi")
                    .append("dest", "a")
                    .append("status", List.of("pending", "done"))
                    .append("nextAttemptAt", new Date(T0)));
        }
        Bson filter = and(eq("dest", "a"), eq("status", "done"));
        assertThat(ids(indexed, filter, Sorts.ascending("nextAttemptAt"), 0))
                .contains("multi")
                .containsExactlyElementsOf(ids(plain, filter, Sorts.ascending("nextAttemptAt"), 0));
        assertThat(count(indexed, filter)).isEqualTo(count(plain, filter));
    }

    private void insert(int n, Random random) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Document task = new Document("_id", "task-" + i)
                    .append("dest", random.nextBoolean() ? "a" : "b")
                    .append("type", "t" + random.nextInt(3))
                    .append("updatedAt", new Date(T0 + random.nextInt(1_000_000)));
            if (random.nextInt(20) > 0) {
                task.append("status", STATUSES.get(random.nextInt(STATUSES.size())));
            }
            if (random.nextInt(10) > 0) {
                // ties on purpose: the order among equal values must not change what a limit returns
                task.append("nextAttemptAt", new Date(T0 + 1_000L * random.nextInt(1_000)));
            }
            documents.add(task);
        }
        indexed.insertMany(documents);
        plain.insertMany(documents.stream().map(d -> new Document(d)).toList());
    }

    private static List<Object> ids(MongoCollection<Document> c, Bson filter, Bson sort, int limit) {
        // _id breaks ties, so that both collections have one right answer
        Bson order = Sorts.orderBy(sort, Sorts.ascending("_id"));
        return c.find(filter).sort(order).limit(limit).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    private long count(MongoCollection<Document> c, Bson filter) {
        return IndexedCount.count(db, c, filter);
    }

    private long documentsRead() {
        return ((StoreCollection) backend.resolveDatabase("test").resolveCollection("indexed", true)).documentsRead();
    }
}
