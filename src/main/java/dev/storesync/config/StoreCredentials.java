package dev.storesync.config;

import java.net.URI;
import java.util.Optional;

/** How to reach one BigCommerce store: {@code apiUrl + /stores/{hash}/v3/...} with the access token. */
public record StoreCredentials(String hash, Secret accessToken, Optional<String> clientId, URI apiUrl) {

    /** The v3 API root of this store, without a trailing slash. */
    public String v3BaseUrl() {
        String base = apiUrl.toString().replaceAll("/+$", "");
        return base + "/stores/" + hash + "/v3";
    }
}
