package dev.payscore.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Each thread keeps one signer per credentials: signatures must stay those of a fresh {@link
 * Signature} (PKCS#1 v1.5 is deterministic, so equal bytes prove it) whatever the threads and
 * credentials interleave.
 */
class MerchantCredentialsTest {
  private static final MerchantCredentials A = credentials("1900000001", "AAAA");
  private static final MerchantCredentials B = credentials("1900000002", "BBBB");

  private static MerchantCredentials credentials(String mchid, String serial) {
    return new MerchantCredentials(
        MerchantId.of(mchid), serial, WechatPaySide.generate().getPrivate());
  }

  private static byte[] fresh(PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(message);
    return signature.sign();
  }

  private static byte[] message(int thread, int i) {
    return ("POST\n/v3/x\n" + i + "\nthread-" + thread + "\n{\"n\":" + i + "}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void threadsSigningAtOnceGetTheSignaturesOfAFreshSignature() throws Exception {
    int threads = 4;
    int each = 20;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<byte[]>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<byte[]> signed = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    // both credentials on every thread, interleaved
                    signed.add((i % 2 == 0 ? A : B).sign(message(thread, i)));
                  }
                  return signed;
                }));
      }
      for (int t = 0; t < threads; t++) {
        List<byte[]> signed = results.get(t).get();
        for (int i = 0; i < each; i++) {
          PrivateKey key = (i % 2 == 0 ? A : B).privateKey();
          assertThat(signed.get(i))
              .as("thread %d, message %d", t, i)
              .isEqualTo(fresh(key, message(t, i)));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void differentCredentialsNeverShareASigner() throws Exception {
    MerchantCredentials sameKeyOtherMerchant =
        new MerchantCredentials(MerchantId.of("1900000003"), "CCCC", A.privateKey());
    byte[] message = message(0, 0);

    // one thread, alternating: a shared signer would sign B's message with A's key or the reverse
    for (int i = 0; i < 3; i++) {
      assertThat(A.sign(message)).isEqualTo(fresh(A.privateKey(), message));
      assertThat(B.sign(message)).isEqualTo(fresh(B.privateKey(), message));
      assertThat(sameKeyOtherMerchant.sign(message)).isEqualTo(fresh(A.privateKey(), message));
    }
    assertThat(A.sign(message)).isNotEqualTo(B.sign(message));
  }

  @Test
  void equalComponentsMakeEqualCredentials() {
    MerchantCredentials copy =
        new MerchantCredentials(A.mchid(), A.certificateSerial(), A.privateKey());

    // a map keyed by credentials (PayScore.Builder) relies on this, as it did on the record
    assertThat(copy).isEqualTo(A).hasSameHashCodeAs(A);
    assertThat(new MerchantCredentials(A.mchid(), "OTHER", A.privateKey())).isNotEqualTo(A);
    assertThat(B).isNotEqualTo(A);
  }
}
