package dev.tamma.platforms.gitea;

/** Gitea and its fork Forgejo share the API; they differ in name and webhook type. */
public enum GiteaFlavour {
    GITEA("gitea"), FORGEJO("forgejo");

    private final String platformName;

    GiteaFlavour(String platformName) {
        this.platformName = platformName;
    }

    public String platformName() {
        return platformName;
    }

    /** The {@code type} of a webhook that signs its deliveries the way the webhook endpoint expects. */
    String hookType() {
        return platformName;
    }
}
