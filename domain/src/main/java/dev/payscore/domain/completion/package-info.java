/** The complete (完结) request: the command, its validation against WeChat's rules, billing conventions, the frozen canonical payload. */
@NullMarked
package dev.payscore.domain.completion;

import org.jspecify.annotations.NullMarked;
