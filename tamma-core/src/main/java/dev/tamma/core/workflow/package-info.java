/**
 * The 14-step workflow as a pure state machine.
 *
 * <p>How the orchestrator drives it, per workflow stream:
 * <ol>
 *   <li>Take the repository lock, then call {@link dev.tamma.core.workflow.WorkflowMachine#start}
 *       and store its decision like any other.</li>
 *   <li>For every input (a worker's step outcome, a person's {@code /tamma} command, a platform
 *       event, a fired timer), load the state, call
 *       {@link dev.tamma.core.workflow.WorkflowMachine#decide} with the instant the input was
 *       observed, and in one transaction append the decision's events and enqueue its commands.
 *       The new state is the old one with the events applied
 *       ({@link dev.tamma.core.workflow.WorkflowState#apply}); after a restart,
 *       {@link dev.tamma.core.workflow.WorkflowState#replay} rebuilds it from the stream.</li>
 *   <li>Carry out the commands: run step tasks keyed by (workflow, step, attempt), post comments
 *       and replies, set labels, fire each scheduled deadline as a
 *       {@link dev.tamma.core.workflow.WorkflowInput.TimerFired} with its id, release the lock,
 *       start the next issue.</li>
 * </ol>
 * Duplicate or late inputs are safe: an outcome for an attempt that is not outstanding and a
 * timer whose id is not the live deadline decide nothing. No timer ever needs cancelling.
 */
package dev.tamma.core.workflow;
