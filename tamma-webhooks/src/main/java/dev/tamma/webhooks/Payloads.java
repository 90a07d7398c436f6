package dev.tamma.webhooks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a delivery's body as a JSON tree after checking its Content-Type. Platforms that can
 * send {@code application/x-www-form-urlencoded} (GitHub, Gitea and Forgejo, when so configured)
 * put the JSON in the {@code payload} form field; that form is accepted only where allowed.
 */
public final class Payloads {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Payloads() {
    }

    /** A refusal when the Content-Type is not JSON (nor, if {@code formAllowed}, form-encoded). */
    public static Optional<PayloadException> checkContentType(Headers headers, boolean formAllowed) {
        String type = mediaType(headers);
        if (type.equals(JSON) || (formAllowed && type.equals(FORM))) {
            return Optional.empty();
        }
        String accepted = formAllowed ? JSON + " or " + FORM + " (with a payload field)" : JSON;
        String received = type.isEmpty() ? "no Content-Type" : "Content-Type " + printable(type);
        return Optional.of(new PayloadException(Refusal.UNSUPPORTED_MEDIA_TYPE,
                "expected " + accepted + ", received " + received));
    }

    /**
     * The JSON tree of the delivery.
     *
     * @throws PayloadException for a Content-Type not accepted, a form without a {@code payload}
     *     field, or a body that is not a single JSON object
     */
    public static JsonNode read(WebhookRequest request, boolean formAllowed) {
        checkContentType(request.headers(), formAllowed).ifPresent(e -> {
            throw e;
        });
        byte[] json = mediaType(request.headers()).equals(FORM) ? formPayload(request.body()) : request.body();
        return parse(json);
    }

    /** Parses {@code json} as one JSON object. */
    public static JsonNode parse(byte[] json) {
        if (json.length == 0) {
            throw PayloadException.malformed("the body is empty; expected a JSON object");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new PayloadException(Refusal.MALFORMED_PAYLOAD, "the body is not valid JSON" + where(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw PayloadException.malformed("the body is JSON but not an object");
        }
        return tree;
    }

    private static String where(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 0) {
            return "";
        }
        return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static byte[] formPayload(byte[] body) {
        String form = new String(body, StandardCharsets.US_ASCII);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("payload")) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw PayloadException.malformed("the payload form field is not URL-encoded");
                }
            }
        }
        throw PayloadException.malformed("the form-encoded body has no payload field");
    }

    private static String mediaType(Headers headers) {
        String value = headers.first("Content-Type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
