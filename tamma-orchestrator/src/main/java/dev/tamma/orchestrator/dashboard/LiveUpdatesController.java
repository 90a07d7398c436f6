package dev.tamma.orchestrator.dashboard;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /events/stream[?workflow=ID]}: an {@code event: workflow} with its id each time one changes. */
@RestController
class LiveUpdatesController {

    private final LiveUpdates updates;

    LiveUpdatesController(LiveUpdates updates) {
        this.updates = updates;
    }

    @GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(required = false) String workflow) {
        return updates.watch(workflow == null || workflow.isBlank() ? null : workflow);
    }
}
