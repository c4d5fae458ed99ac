package dev.storesync;

import dev.storesync.config.Settings;
import dev.storesync.config.SettingsReader;
import dev.storesync.web.HttpDoors;
import dev.storesync.web.WebhookDoor;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Validates the settings before Camel applies its own {@code camel.*} options, several of which are derived from
 * them ({@code camel.server.port = {{storesync.port}}}): a bad PORT is then reported as "PORT must be a whole
 * number", not as a number-format error from deep inside Camel. Once Camel has created its HTTP servers, and before
 * they start, it puts the doors in front of both ports ({@link HttpDoors}).
 */
final class ValidateSettingsFirst extends MainListenerSupport {
    private Settings settings;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        settings = SettingsReader.read(main.getCamelContext().getPropertiesComponent()::resolveProperty);
        if (settings.admin().isEmpty()) {
            // the management port answers on this machine only until there are credentials to check
            main.addOverrideProperty("camel.management.host", "127.0.0.1");
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        HttpDoors.install(context, settings, context.getRegistry().findSingleByType(WebhookDoor.class));
    }
}
