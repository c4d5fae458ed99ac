package dev.storesync.queue;

import java.util.Optional;

/**
 * Why no sync can succeed right now, if that is so (a store refusing the service's credentials). While it says so the
 * dispatcher starts one sync now and then, to find out when it can go on, instead of spending every task's attempts.
 */
@FunctionalInterface
public interface SyncPause {
    SyncPause NEVER = Optional::empty;

    Optional<String> reason();
}
