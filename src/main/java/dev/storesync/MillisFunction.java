package dev.storesync;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{millis:KEY UNIT}}} in a route: the setting {@code KEY} of application.properties, a whole number of
 * {@code UNIT} (seconds, minutes or hours), in milliseconds. Quartz's {@code trigger.repeatInterval} takes
 * milliseconds while the settings keep the units of the original service's variables (SYNC_PERIOD_IN_SECS,
 * CLEAN_PERIOD_IN_HOURS), so the schedule routes read the settings themselves instead of keys derived in code.
 * The settings were validated before the routes are built.
 */
final class MillisFunction implements PropertiesFunction {
    private final PropertiesComponent properties;

    MillisFunction(PropertiesComponent properties) {
        this.properties = properties;
    }

    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public String apply(String remainder) {
        String[] keyAndUnit = remainder.trim().split("\\s+");
        if (keyAndUnit.length != 2) {
            throw new IllegalArgumentException("{{millis:" + remainder + "}} must name a setting and a unit");
        }
        String key = keyAndUnit[0];
        TimeUnit unit = TimeUnit.valueOf(keyAndUnit[1].toUpperCase(Locale.ROOT));
        String value = properties
                .resolveProperty(key)
                .orElseThrow(() -> new IllegalArgumentException("{{millis:...}} names an unknown setting: " + key));
        return Long.toString(unit.toMillis(Long.parseLong(value.trim())));
    }
}
