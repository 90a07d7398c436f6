/** Verifies webhook deliveries on their raw bytes and normalises them into core platform events. */
package dev.tamma.webhooks;
