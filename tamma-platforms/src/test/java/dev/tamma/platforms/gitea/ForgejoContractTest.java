package dev.tamma.platforms.gitea;

/** Forgejo serves Gitea's API v1; the same stubs, with Forgejo's name and webhook type. */
class ForgejoContractTest extends GiteaContractTest {

    @Override
    protected GiteaFlavour flavour() {
        return GiteaFlavour.FORGEJO;
    }
}
