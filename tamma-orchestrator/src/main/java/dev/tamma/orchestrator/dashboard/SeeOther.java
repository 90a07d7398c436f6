package dev.tamma.orchestrator.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.view.RedirectView;

/** The answer to a form: 303, so the browser follows with a GET and a reload sends nothing again. */
final class SeeOther {

    private SeeOther() {
    }

    /** {@code path} is used as given: already encoded, braces in a message not taken for URI variables. */
    static RedirectView to(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        view.setExpandUriTemplateVariables(false);
        return view;
    }
}
