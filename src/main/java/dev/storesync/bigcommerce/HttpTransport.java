package dev.storesync.bigcommerce;

import java.io.IOException;

/** Sends one request to a store and returns whatever it answered; I/O failures are exceptions. */
@FunctionalInterface
public interface HttpTransport {
    ApiResponse send(ApiRequest request, byte[] body) throws IOException;
}
