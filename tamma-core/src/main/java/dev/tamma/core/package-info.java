/**
 * The Tamma domain: the 14-step workflow, its state machine, events and the ports through which
 * the runtime reaches AI providers and Git platforms. Pure Java; no framework and no I/O here.
 */
package dev.tamma.core;
