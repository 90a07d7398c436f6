/** Git platforms, one sub-package each, behind the {@code GitPlatform} port of {@code dev.tamma.core}. */
package dev.tamma.platforms;
