/** GitHub webhooks: the verifier of its credentials and the normaliser of its payloads. */
package dev.tamma.webhooks.github;
