package dev.storesync.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Builds webhook bodies the way BigCommerce sends them: {@code hash} is the SHA-1 of the JSON of {@code data}. */
public final class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {}

    public static String product(String action, long productId, long createdAt) {
        return envelope("store/product/" + action, typed("product", productId), createdAt);
    }

    public static String category(String action, long categoryId, long createdAt) {
        return envelope("store/category/" + action, typed("category", categoryId), createdAt);
    }

    public static String sku(String action, long skuId, long productId, long variantId, long createdAt) {
        ObjectNode data = typed("sku", skuId);
        data.putObject("sku").put("product_id", productId).put("variant_id", variantId);
        return envelope("store/sku/" + action, data, createdAt);
    }

    public static String channelAssignment(long channelId, String action, long productId, long createdAt) {
        ObjectNode data = JSON.createObjectNode().put("product_id", productId).put("channel_id", channelId);
        return envelope("store/channel/" + channelId + "/product/" + action, data, createdAt);
    }

    public static String envelope(String scope, ObjectNode data, long createdAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scope", scope);
        root.put("store_id", "1025646");
        root.set("data", data);
        root.put("hash", sha1(data.toString()));
        root.put("created_at", createdAt);
        root.put("producer", "stores/storea");
        return root.toString();
    }

    public static ObjectNode typed(String type, long id) {
        return JSON.createObjectNode().put("type", type).put("id", id);
    }

    static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
