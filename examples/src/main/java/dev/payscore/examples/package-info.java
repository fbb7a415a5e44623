/**
 * The code snippets of the README, compiled with the library so they cannot rot. Each snippet lies
 * between {@code // snippet:NAME} and {@code // end-snippet}; {@code ReadmeSnippetsTest} checks that
 * the README shows exactly these lines.
 */
@NullMarked
package dev.payscore.examples;

import org.jspecify.annotations.NullMarked;
