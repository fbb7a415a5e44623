/** Tests of dev.payscore.wechat.internal. */
@NullMarked
package dev.payscore.wechat.internal;

import org.jspecify.annotations.NullMarked;
