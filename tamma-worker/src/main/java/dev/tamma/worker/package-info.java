/**
 * The stateless worker: it asks the orchestrator for a step to run (a lease), runs the handler
 * registered for that step, keeps the lease alive while it works, and answers once. Step handlers
 * come from {@link dev.tamma.worker.StepHandlers}; a step without one fails as structural.
 */
package dev.tamma.worker;
