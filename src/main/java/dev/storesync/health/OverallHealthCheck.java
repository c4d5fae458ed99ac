package dev.storesync.health;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check that counts in the overall {@code /observe/health} only. A store outage, deactivated hooks or an old backlog
 * must not make the service unready or restart it: webhooks are still stored, and the syncs catch up afterwards.
 */
abstract class OverallHealthCheck extends AbstractHealthCheck {
    OverallHealthCheck(String id) {
        super("storesync", id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }

    @Override
    public final boolean isReadiness() {
        return false;
    }
}
