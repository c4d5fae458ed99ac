package dev.storesync;

import dev.storesync.config.SettingsReader;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Validates the settings before Camel applies its own {@code camel.*} options, several of which are derived from
 * them ({@code camel.server.port = {{storesync.port}}}): a bad PORT is then reported as "PORT must be a whole
 * number", not as a number-format error from deep inside Camel.
 */
final class ValidateSettingsFirst extends MainListenerSupport {
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        SettingsReader.read(main.getCamelContext().getPropertiesComponent()::resolveProperty);
    }
}
