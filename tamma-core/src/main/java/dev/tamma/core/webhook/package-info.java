/**
 * Platform-neutral webhook events: what GitHub, GitLab, Gitea, Forgejo, Bitbucket and Azure DevOps
 * report, after verification and normalisation by {@code tamma-webhooks}. The orchestrator stores
 * them in its inbox and decides what each one means for a workflow.
 */
package dev.tamma.core.webhook;
