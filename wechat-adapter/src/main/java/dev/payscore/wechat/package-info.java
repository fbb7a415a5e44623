/**
 * The WeChat Pay APIv3 adapter of the {@code PayScoreGateway} port: signed requests, verified
 * responses, public-key and platform-certificate modes. Start with {@link
 * dev.payscore.wechat.WechatPayScoreGateway#builder()}.
 */
@NullMarked
package dev.payscore.wechat;

import org.jspecify.annotations.NullMarked;
