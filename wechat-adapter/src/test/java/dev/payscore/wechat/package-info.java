/** Tests of dev.payscore.wechat. */
@NullMarked
package dev.payscore.wechat;

import org.jspecify.annotations.NullMarked;
