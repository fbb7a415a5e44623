package dev.payscore.examples;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantCredentials;
import dev.payscore.PayScore;
import dev.payscore.WechatKeys;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig.ServiceMode;
import dev.payscore.sandbox.SandboxConfig;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The README's "Sandbox for your own staging" section. */
final class Staging {
  private Staging() {}

  static List<LedgerEntry> againstTheSandbox(
      DataSource dataSource,
      MerchantCredentials credentials,
      PublicKey merchantPublicKey,
      String apiV3Key) {
    String mchid = credentials.mchid().value();
    String serial = credentials.certificateSerial();
    // snippet:sandbox
    try (PayScoreSandbox sandbox = PayScoreSandbox.start(SandboxConfig.builder()
            .merchant(new SandboxConfig.Merchant(mchid, serial, merchantPublicKey, apiV3Key,
                Set.of("wx0000000000000001"),
                List.of(new SandboxConfig.Service("500001", ServiceMode.CONFIRM, 500_00))))
            .callbackTimeScale(0.001)                         // redeliveries in milliseconds
            .seed(42)                                         // probabilistic faults repeat
            .build());
        PayScore payScore = PayScore.builder()
            .dataSource(dataSource)
            .merchant(credentials, WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey()))
            .notifications(WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey()),
                ApiV3Key.ofText(apiV3Key))                    // the sandbox's callbacks
            .endpoint(sandbox.baseUrl() + "/")
            .backupEndpoint(sandbox.backupBaseUrl() + "/")
            .clock(sandbox.clock())
            .build()) {
      sandbox.addFault(FaultRule.scripted(FaultKind.DROP_AFTER_APPLY, Endpoint.COMPLETE, "order-1", 1));
      sandbox.addFault(FaultRule.random(FaultKind.THROTTLE, Endpoint.QUERY, 0.1));
      payScore.start();
      // ... create order-1 with notify_url http://127.0.0.1:<port>/…, then
      sandbox.confirm("order-1");                             // the user confirms (callback)
      // ... request its completion; the dispatcher meets the dropped connection, queries, settles
      return sandbox.ledger("order-1");                       // CREATE, USER_CONFIRM, COMPLETE, …
    }
    // end-snippet
  }
}
