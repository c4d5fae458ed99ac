package dev.storesync.config;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * One producer template for the whole service, created on first use, once the context runs: the dispatcher, the store
 * clients, the sync handlers and the wake-ups share it.
 */
public final class LazyTemplate {
    private final CamelContext context;
    private volatile ProducerTemplate template;

    public LazyTemplate(CamelContext context) {
        this.context = context;
    }

    public ProducerTemplate template() {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }
}
