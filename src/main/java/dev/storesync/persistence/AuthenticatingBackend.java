package dev.storesync.persistence;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's backend behind a login, as a real MongoDB with authentication answers: a connection may only
 * say hello (the driver's handshake and its monitoring connections, which never log in) until it has authenticated with
 * SASL PLAIN as {@link #USER} and the password this server was started with; any other command gets error 13
 * (Unauthorized), a wrong login error 18 (AuthenticationFailed). The driver logs in on every connection of its pool.
 *
 * <p>mongo-java-server has no authentication of its own; it hands every request to its backend with the connection
 * (netty channel) it came on, so the backend can keep who logged in on the channel itself.
 */
final class AuthenticatingBackend implements MongoBackend {
    static final String USER = "storesync";
    static final String SOURCE = "$external";
    static final int UNAUTHORIZED = 13;
    static final int AUTHENTICATION_FAILED = 18;

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticatingBackend.class);
    private static final AttributeKey<Boolean> AUTHENTICATED =
            AttributeKey.valueOf(AuthenticatingBackend.class, "authenticated");
    private static final AttributeKey<Boolean> WARNED = AttributeKey.valueOf(AuthenticatingBackend.class, "warned");

    private final MongoBackend backend;
    private final byte[] password;

    AuthenticatingBackend(MongoBackend backend, char[] password) {
        this.backend = backend;
        this.password = new String(password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (handshake(command)) {
            return backend.handleCommand(channel, databaseName, command, query);
        }
        if ("saslStart".equals(command)) {
            return authenticate(channel, databaseName, query);
        }
        if (authenticated(channel)) {
            return backend.handleCommand(channel, databaseName, command, query);
        }
        return unauthorized(channel, command);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document body = message.getDocument();
        String command = body.isEmpty() ? "" : body.keySet().iterator().next();
        Channel channel = message.getChannel();
        if (handshake(command)) {
            return backend.handleMessage(message);
        }
        if ("saslStart".equals(command)) {
            return authenticate(channel, message.getDatabaseName(), body);
        }
        if (authenticated(channel)) {
            return backend.handleMessage(message);
        }
        return unauthorized(channel, command);
    }

    /** A legacy OP_QUERY on a collection (the driver never sends one): there is no error answer to it, only a close. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (authenticated(query.getChannel())) {
            return backend.handleQuery(query);
        }
        warnOnce(query.getChannel(), "a query");
        query.getChannel().close();
        return new QueryResult();
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return authenticated(query.getChannel()) ? backend.getCurrentOperations(query) : List.of();
    }

    /**
     * Only reached by a legacy OP_QUERY {@code serverStatus}, which comes without its connection (the driver sends
     * {@code serverStatus} as a command, through {@link #handleMessage}); storesync never asks for it.
     */
    @Override
    public Document getServerStatus() {
        return error(UNAUTHORIZED, "Unauthorized", "command serverStatus requires authentication");
    }

    private static boolean handshake(String command) {
        return command.equalsIgnoreCase("isMaster") || command.equalsIgnoreCase("hello");
    }

    private static boolean authenticated(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get());
    }

    private Document authenticate(Channel channel, String databaseName, Document query) {
        boolean accepted = SOURCE.equals(databaseName)
                && "PLAIN".equals(query.get("mechanism"))
                && query.get("payload") instanceof BinData payload
                && plain(payload.getData());
        if (!accepted) {
            channel.attr(AUTHENTICATED).set(Boolean.FALSE);
            warnOnce(channel, "a login");
            return error(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
        }
        channel.attr(AUTHENTICATED).set(Boolean.TRUE);
        Document answer = new Document();
        answer.put("conversationId", 1);
        answer.put("done", Boolean.TRUE);
        answer.put("payload", new BinData(new byte[0]));
        answer.put("ok", 1.0);
        return answer;
    }

    /**
     * A SASL PLAIN message (RFC 4616): authorization id, NUL, user, NUL, password. The driver's (the JDK's) sends the
     * user as the authorization id as well.
     */
    private boolean plain(byte[] message) {
        int first = indexOfNul(message, 0);
        int second = first < 0 ? -1 : indexOfNul(message, first + 1);
        if (second < 0) {
            return false;
        }
        String authorizationId = new String(message, 0, first, StandardCharsets.UTF_8);
        String user = new String(message, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] given = Arrays.copyOfRange(message, second + 1, message.length);
        return (authorizationId.isEmpty() || authorizationId.equals(USER))
                && user.equals(USER)
                && MessageDigest.isEqual(given, password);
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Document unauthorized(Channel channel, String command) {
        warnOnce(channel, "a command");
        return error(UNAUTHORIZED, "Unauthorized", "command " + command + " requires authentication");
    }

    /** One line per connection: a local process that tries its luck should not flood the log. */
    private static void warnOnce(Channel channel, String what) {
        if (channel.attr(WARNED).setIfAbsent(Boolean.TRUE) == null) {
            LOG.warn(
                    "the embedded database refused {} from {}: only this process may use it (another local process"
                            + " tried to)",
                    what,
                    channel.remoteAddress());
        }
    }

    private static Document error(int code, String codeName, String message) {
        Document answer = new Document();
        answer.put("ok", 0.0);
        answer.put("errmsg", message);
        answer.put("code", code);
        answer.put("codeName", codeName);
        return answer;
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String databaseName) {
        backend.dropDatabase(databaseName);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String databaseName) {
        return backend.resolveDatabase(databaseName);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
