package dev.tamma.providers.routing;

/** One provider and model a step may be answered by. */
public record Route(String provider, String model) {
    public Route {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("a route needs a provider");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the route to provider '" + provider + "' needs a model");
        }
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
