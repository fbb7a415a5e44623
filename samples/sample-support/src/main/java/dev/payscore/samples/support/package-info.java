/** What the sample applications' tests share (framework-free). */
@NullMarked
package dev.payscore.samples.support;

import org.jspecify.annotations.NullMarked;
