/**
 * The ports through which steps reach AI models and coding agents, and the value types they
 * exchange. Pure Java: adapters in {@code tamma-providers} implement {@link dev.tamma.core.ai.AiProvider}
 * and {@link dev.tamma.core.ai.CodingAgent} on LangChain4j and command-line agents.
 *
 * <p>Every call is priced and reported as an {@link dev.tamma.core.ai.AiCallRecorded}; a
 * {@link dev.tamma.core.ai.Budget} is checked before every call and refusing one is a
 * {@link dev.tamma.core.ai.BudgetExceededException}, a structural failure that carries the spend so far.
 */
package dev.tamma.core.ai;
