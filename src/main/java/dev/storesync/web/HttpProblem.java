package dev.storesync.web;

/**
 * A request this service refuses, with the HTTP status and a reason meant for whoever sent it. Thrown by beans and
 * turned into a JSON answer by the routes' error handling.
 */
public class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;

    public HttpProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, "invalid_payload", message);
    }

    public int status() {
        return status;
    }

    /** A stable, machine-readable name of the problem, such as {@code invalid_payload}. */
    public String code() {
        return code;
    }
}
