package dev.tamma.orchestrator.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status to answer and a message that says what to change. */
class ApiException extends RuntimeException {

    private final HttpStatus status;

    ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static ApiException noWorkflow(String workflowId) {
        return new ApiException(HttpStatus.NOT_FOUND, "there is no workflow " + workflowId);
    }
}
