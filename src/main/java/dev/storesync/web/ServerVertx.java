package dev.storesync.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The Vert.x instance Camel's HTTP servers use, with our say in how their servers are built. Camel creates each server
 * from {@code new HttpServerOptions()} and offers no setting for idle timeouts, connection limits or the answer to a
 * request Netty could not decode; both servers take a Vert.x instance from the registry, though, and this one hands
 * them servers set up by {@link ConnectionLimits} before they listen.
 *
 * <p>A proxy over Vert.x's own interface rather than a subclass: everything but {@code createHttpServer} goes to the real
 * instance untouched.
 */
final class ServerVertx {
    private ServerVertx() {}

    /**
     * @param options adjusts the options of each server before it is created
     * @param server sets up each server before it listens
     * @param router sets up the router each server is given to route its requests with
     */
    static Vertx wrap(
            Vertx real, Consumer<HttpServerOptions> options, Consumer<HttpServer> server, Consumer<Router> router) {
        return (Vertx) Proxy.newProxyInstance(
                ServerVertx.class.getClassLoader(), new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (isCreateHttpServer(method)) {
                        HttpServerOptions tuned = args == null
                                ? new HttpServerOptions()
                                : new HttpServerOptions((HttpServerOptions) args[0]);
                        options.accept(tuned);
                        HttpServer created = real.createHttpServer(tuned);
                        server.accept(created);
                        return routerSeeing(created, router);
                    }
                    return invoke(real, method, args);
                });
    }

    /** Camel hands its root router to the server it created; that router decides the answers no route gives. */
    private static HttpServer routerSeeing(HttpServer server, Consumer<Router> router) {
        return (HttpServer) Proxy.newProxyInstance(
                ServerVertx.class.getClassLoader(), new Class<?>[] {HttpServer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("requestHandler") && args != null && args[0] instanceof Router given) {
                        router.accept(given);
                    }
                    Object result = invoke(server, method, args);
                    // fluent calls answer the proxy, so that a chained call is seen too
                    return result == server ? proxy : result;
                });
    }

    private static boolean isCreateHttpServer(Method method) {
        return method.getName().equals("createHttpServer")
                && (method.getParameterCount() == 0 || method.getParameterTypes()[0] == HttpServerOptions.class);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
