/**
 * The port through which Tamma reaches a Git hosting platform ({@link dev.tamma.core.platform.GitPlatform}),
 * what each platform can and cannot do ({@link dev.tamma.core.platform.Capabilities}), and the local
 * working copy a step edits ({@link dev.tamma.core.platform.Workspace}). Pure Java; adapters live in
 * {@code tamma-platforms}.
 */
package dev.tamma.core.platform;
