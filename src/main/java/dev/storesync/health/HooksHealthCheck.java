package dev.storesync.health;

import dev.storesync.hooks.HookLifecycle;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Store A's webhooks reach this service: the last hook run succeeded and Store A has not put the service on its
 * denylist. Without REGISTER_HOOKS storesync does not manage them and says so.
 */
public final class HooksHealthCheck extends OverallHealthCheck {
    private final HookLifecycle hooks;
    private final boolean managed;

    public HooksHealthCheck(HookLifecycle hooks, boolean managed) {
        super("hooks");
        this.hooks = hooks;
        this.managed = managed;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!managed) {
            builder.up().message("REGISTER_HOOKS is off: Store A's hooks are managed elsewhere");
            return;
        }
        if (hooks.lastFailure().isPresent()) {
            builder.down()
                    .message("Store A's hooks could not be checked: "
                            + hooks.lastFailure().get());
            return;
        }
        hooks.lastOutcome()
                .ifPresentOrElse(
                        outcome -> {
                            builder.detail("active", outcome.active())
                                    .detail("checked_at", outcome.at().toString());
                            if (hooks.ourDestinationBlocked(outcome)) {
                                builder.down()
                                        .message("Store A has put this service's address on its webhook denylist: "
                                                + outcome.blockedDestinations());
                            } else {
                                builder.up();
                            }
                        },
                        () -> builder.up().message("the first hook check is under way"));
    }
}
