package dev.tamma.providers.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prices per provider type and model: the shipped table ({@code prices.yml} next to this class),
 * optionally overridden entry by entry from the operator's file.
 */
public final class PriceTable {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String SHIPPED = "prices.yml";

    private final Map<String, Map<String, Price>> prices;

    private PriceTable(Map<String, Map<String, Price>> prices) {
        this.prices = prices;
    }

    /** The shipped defaults. */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(SHIPPED)) {
            Objects.requireNonNull(in, "the shipped price table " + SHIPPED + " is missing from the jar");
            return new PriceTable(parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), SHIPPED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped defaults with {@code overrides} on top; an override replaces a model's whole price. */
    public static PriceTable defaultsWith(Path overrides) {
        try {
            return defaults().with(parse(Files.readString(overrides), overrides.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price file " + overrides, e);
        }
    }

    public static PriceTable of(String yaml) {
        return new PriceTable(parse(yaml, "inline prices"));
    }

    public PriceTable with(Map<String, Map<String, Price>> overrides) {
        Map<String, Map<String, Price>> merged = new HashMap<>();
        prices.forEach((provider, models) -> merged.put(provider, new HashMap<>(models)));
        overrides.forEach((provider, models) -> merged.computeIfAbsent(provider, k -> new HashMap<>()).putAll(models));
        return new PriceTable(merged);
    }

    /**
     * The price of {@code model} at a provider of {@code providerType}: the exact name, else the
     * longest listed name the model starts with, else the provider's {@code "*"}.
     */
    public Optional<Price> price(String providerType, String model) {
        Map<String, Price> models = prices.get(providerType);
        if (models == null || model == null) {
            return Optional.empty();
        }
        Price exact = models.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return models.entrySet().stream()
                .filter(e -> !e.getKey().equals("*") && model.startsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .or(() -> Optional.ofNullable(models.get("*")));
    }

    private static Map<String, Map<String, Price>> parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        Map<String, Map<String, Price>> table = new HashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return table;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(source + ": a price table maps provider types to models");
        }
        for (Map.Entry<String, JsonNode> provider : root.properties()) {
            Map<String, Price> models = new HashMap<>();
            if (!provider.getValue().isObject()) {
                throw new IllegalArgumentException(source + ": " + provider.getKey() + " must map model names to prices");
            }
            for (Map.Entry<String, JsonNode> model : provider.getValue().properties()) {
                String where = source + ": " + provider.getKey() + "." + model.getKey();
                JsonNode price = model.getValue();
                try {
                    models.put(model.getKey(), new Price(amount(price, "input", where), amount(price, "output", where),
                            price.has("cachedInput") ? amount(price, "cachedInput", where) : null));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
            table.put(provider.getKey(), models);
        }
        return table;
    }

    private static BigDecimal amount(JsonNode price, String key, String where) {
        JsonNode value = price.path(key);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + "." + key + " must be a number of dollars per million tokens, got "
                    + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.decimalValue();
    }
}
