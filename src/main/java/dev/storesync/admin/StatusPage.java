package dev.storesync.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;

/** Serves {@code /admin/}: one self-contained page that reads {@code /admin/api/status} every few seconds. */
public final class StatusPage {
    private final byte[] html;

    public StatusPage() {
        try (InputStream page = StatusPage.class.getResourceAsStream("/admin/index.html")) {
            if (page == null) {
                throw new IllegalStateException("admin/index.html is missing from the jar");
            }
            html = page.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void page(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(html);
    }
}
