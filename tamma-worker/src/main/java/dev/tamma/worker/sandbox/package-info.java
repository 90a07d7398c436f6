/**
 * Where step commands run: {@link dev.tamma.worker.sandbox.Sandbox} runs one {@code sh -c}
 * command in a workspace without the worker's secrets, within a timeout and an output cap, inside
 * bubblewrap where it works; {@link dev.tamma.worker.sandbox.SandboxCommandRunner} gives the same
 * to the built-in coding agent.
 */
package dev.tamma.worker.sandbox;
