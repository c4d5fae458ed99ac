package dev.storesync.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.Durability;
import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.LeaseGuard;
import dev.storesync.queue.LeaseLostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bson.Document;

/**
 * Store A ids and their Store B counterparts ({@code id_map}), one document per destination, resource type and Store
 * A id: {@code _id = dest:type:aId}. A product's document also holds its options, values, variants, images and
 * metafields. Losing an entry costs a lookup by natural key, never a duplicate.
 *
 * <p>The entry of the resource a sync works on is fenced like its task: the sync stamps it with its lease token when it
 * starts ({@link #fence}), and writes it only on condition that the stamp is still its own. A sync whose lease was taken
 * over finds the newer sync's stamp there and writes nothing ({@link LeaseLostException}). Every write also checks the
 * current sync's {@link LeaseGuard}.
 */
public final class IdMap {
    public static final String PRODUCT = "product";
    public static final String CATEGORY = "category";
    public static final String BRAND = "brand";

    private final MongoCollection<Document> map;
    private final Durability durability;
    private final String destination;
    private final Clock clock;

    public IdMap(Database database, String destination, Clock clock) {
        this.map = database.mongo().getCollection(CollectionNames.ID_MAP);
        this.durability = database.durability();
        this.destination = destination;
        this.clock = clock;
    }

    public OptionalLong find(String type, long a) {
        Document doc = map.find(Filters.eq("_id", key(type, a))).first();
        // a fence stamped before the first mapping leaves an entry without b
        return doc == null || doc.get("b") == null
                ? OptionalLong.empty()
                : OptionalLong.of(doc.get("b", Number.class).longValue());
    }

    /** Stamps the entry of the resource a sync starts on with its lease token (see the class comment). */
    public void fence(String type, long a, String leaseToken) {
        map.updateOne(
                Filters.eq("_id", key(type, a)),
                new Document("$set", entry(type, a).append("fence", leaseToken)),
                new UpdateOptions().upsert(true));
    }

    /** Maps a brand or category; what the map knew of its uploaded image stays. */
    public void put(String type, long a, long b) {
        set(type, a, new Document("b", b));
    }

    /**
     * Maps a brand or category whose image Store B took from {@code uploadedImage} (Store A's {@code image_url}). The
     * store rehosts the file and answers its own address, so this source is what tells whether Store A's image
     * changed since.
     */
    public void put(String type, long a, long b, String uploadedImage) {
        set(type, a, new Document("b", b).append("image", uploadedImage));
    }

    /** Store A's image address that Store B's copy was made from, when known. */
    public Optional<String> uploadedImage(String type, long a) {
        Document doc = map.find(Filters.eq("_id", key(type, a))).first();
        return doc == null ? Optional.empty() : Optional.ofNullable(doc.getString("image"));
    }

    private void set(String type, long a, Document fields) {
        LeaseGuard.checkCurrent();
        Document set = entry(type, a);
        set.putAll(fields);
        Optional<String> fence = fenceOf(type, a);
        if (map.updateOne(filter(type, a), new Document("$set", set), new UpdateOptions().upsert(fence.isEmpty()))
                        .getMatchedCount()
                == 0) {
            fencedOut(type, a);
        }
        durability.await();
    }

    public void forget(String type, long a) {
        LeaseGuard.checkCurrent();
        Optional<String> fence = fenceOf(type, a);
        // the sync's own entry keeps its stamp, or a sync that lost its lease could map the resource again
        long matched = fence.isPresent()
                ? map.replaceOne(filter(type, a), entry(type, a).append("fence", fence.get()))
                        .getMatchedCount()
                : map.deleteOne(filter(type, a)).getDeletedCount();
        if (matched == 0) {
            fencedOut(type, a);
        }
        durability.await();
    }

    public Optional<ProductMapping> product(long a) {
        Document doc = map.find(Filters.eq("_id", key(PRODUCT, a))).first();
        if (doc == null || doc.get("b") == null) {
            return Optional.empty();
        }
        List<ProductMapping.OptionPair> options = new ArrayList<>();
        for (Document option : doc.getList("options", Document.class, List.of())) {
            options.add(new ProductMapping.OptionPair(
                    number(option, "a"), number(option, "b"), pairs(option.getList("values", Document.class))));
        }
        List<ProductMapping.ImagePair> images = new ArrayList<>();
        for (Document image : doc.getList("images", Document.class, List.of())) {
            images.add(new ProductMapping.ImagePair(number(image, "a"), number(image, "b"), image.getString("file")));
        }
        return Optional.of(new ProductMapping(
                a,
                number(doc, "b"),
                doc.getString("sku"),
                options,
                pairs(doc.getList("variants", Document.class)),
                images,
                pairs(doc.getList("metafields", Document.class))));
    }

    public void save(ProductMapping mapping) {
        List<Document> options = new ArrayList<>();
        for (ProductMapping.OptionPair option : mapping.options()) {
            options.add(
                    new Document("a", option.a()).append("b", option.b()).append("values", documents(option.values())));
        }
        List<Document> images = new ArrayList<>();
        for (ProductMapping.ImagePair image : mapping.images()) {
            images.add(new Document("a", image.a()).append("b", image.b()).append("file", image.file()));
        }
        save(
                PRODUCT,
                mapping.a(),
                new Document("b", mapping.b())
                        .append("sku", mapping.sku())
                        .append("options", options)
                        .append("variants", documents(mapping.variants()))
                        .append("images", images)
                        .append("metafields", documents(mapping.metafields())));
    }

    private void save(String type, long a, Document fields) {
        LeaseGuard.checkCurrent();
        Document doc = new Document("_id", key(type, a)).append("dest", destination);
        doc.putAll(entry(type, a));
        doc.putAll(fields);
        Optional<String> fence = fenceOf(type, a);
        fence.ifPresent(token -> doc.append("fence", token));
        if (map.replaceOne(filter(type, a), doc, new ReplaceOptions().upsert(fence.isEmpty()))
                        .getMatchedCount()
                == 0) {
            fencedOut(type, a);
        }
        durability.await();
    }

    private Document entry(String type, long a) {
        return new Document("dest", destination)
                .append("type", type)
                .append("a", a)
                .append("updatedAt", Date.from(clock.instant()));
    }

    /** The lease token the current sync stamped, when this entry is the one of the resource it syncs. */
    private static Optional<String> fenceOf(String type, long a) {
        return LeaseGuard.currentTask()
                .filter(task -> task.resourceType().equals(type) && task.resourceId() == a)
                .map(ClaimedTask::leaseToken);
    }

    /** {@code {_id}}, and the current sync's fence when the entry is its resource's. */
    private Document filter(String type, long a) {
        Document filter = new Document("_id", key(type, a));
        fenceOf(type, a).ifPresent(token -> filter.append("fence", token));
        return filter;
    }

    private void fencedOut(String type, long a) {
        if (fenceOf(type, a).isPresent()) {
            throw new LeaseLostException(
                    LeaseLostException.Why.TAKEN_OVER,
                    key(type, a) + ": a newer sync stamped this id map entry; this one writes nothing more");
        }
    }

    private String key(String type, long a) {
        return destination + ":" + type + ":" + a;
    }

    private static List<Document> documents(List<ProductMapping.IdPair> pairs) {
        return pairs.stream()
                .map(p -> new Document("a", p.a()).append("b", p.b()))
                .toList();
    }

    private static List<ProductMapping.IdPair> pairs(List<Document> docs) {
        if (docs == null) {
            return List.of();
        }
        return docs.stream()
                .map(d -> new ProductMapping.IdPair(number(d, "a"), number(d, "b")))
                .toList();
    }

    private static long number(Document doc, String field) {
        Number value = doc.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
