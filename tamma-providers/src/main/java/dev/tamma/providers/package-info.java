/** AI providers and coding agents, one sub-package each, behind the ports of {@code dev.tamma.core}. */
package dev.tamma.providers;
