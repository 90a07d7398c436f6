package dev.tamma.core.platform;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a platform can do, stated rather than hidden, so callers adapt: without
 * {@link Capability#NATIVE_DRAFTS} a draft becomes a {@code WIP:} title
 * ({@link NewPullRequest#adaptedTo}); without {@link Capability#THREAD_RESOLUTION} Tamma replies instead
 * of resolving. {@code experimental} marks an adapter whose coverage is thin.
 */
public record Capabilities(Set<Capability> features, Set<MergeMethod> mergeMethods, boolean experimental) {

    public Capabilities {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        Objects.requireNonNull(mergeMethods, "merge methods");
        if (mergeMethods.isEmpty()) {
            throw new IllegalArgumentException("a platform must support at least one merge method");
        }
        mergeMethods = Set.copyOf(mergeMethods);
    }

    public boolean has(Capability capability) {
        return features.contains(capability);
    }

    public boolean nativeDrafts() {
        return has(Capability.NATIVE_DRAFTS);
    }

    public boolean supports(MergeMethod method) {
        return mergeMethods.contains(method);
    }

    /** Throws the error a caller gets when it asks a platform for something it said it lacks. */
    public void require(Capability capability, String platform) {
        if (!has(capability)) {
            throw PlatformException.unsupported(platform, capability.name().toLowerCase().replace('_', ' '));
        }
    }

    public void require(MergeMethod method, String platform) {
        if (!supports(method)) {
            throw PlatformException.unsupported(platform, "merge method " + method.name().toLowerCase());
        }
    }
}
