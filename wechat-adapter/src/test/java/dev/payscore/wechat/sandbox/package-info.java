/** Contract tests: our WeChat client against the sandbox, WeChat's side written independently. */
@NullMarked
package dev.payscore.wechat.sandbox;

import org.jspecify.annotations.NullMarked;
