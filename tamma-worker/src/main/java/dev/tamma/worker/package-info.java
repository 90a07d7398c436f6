/** Step handlers and the stateless worker runtime that runs them for the orchestrator. */
package dev.tamma.worker;
