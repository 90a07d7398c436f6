package dev.tamma.orchestrator.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status to answer and a message that says what to change. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException noWorkflow(String workflowId) {
        return new ApiException(HttpStatus.NOT_FOUND, "there is no workflow " + workflowId);
    }
}
