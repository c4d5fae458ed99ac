package dev.storesync.web;

import io.vertx.ext.web.RoutingContext;

/** One rule a request must pass before it reaches a route; a request it refuses has been answered. */
@FunctionalInterface
interface Check {
    boolean admit(RoutingContext ctx);
}
