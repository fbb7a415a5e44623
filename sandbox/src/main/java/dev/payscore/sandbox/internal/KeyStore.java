package dev.payscore.sandbox.internal;

import dev.payscore.sandbox.Pem;
import dev.payscore.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's key pairs and the id or serial each goes by, kept in the state dir between runs: {@code
 * wechatpay.properties} (mode, ids) and {@code wechatpay_private_key_<n>.pem} (PKCS#8). A key is
 * only ever generated together with a new id derived from it, so an id never names two keys: a
 * client configured from an earlier run either still verifies, or fails on an id it does not know.
 */
final class KeyStore {
  static final String PROPERTIES = "wechatpay.properties";

  /** A key pair and the {@code PUB_KEY_ID_…} or certificate serial it goes by. */
  record Stored(String id, KeyPair pair) {}

  private KeyStore() {}

  /** The {@code count} keys of the configured mode: read when stored and still fitting, else new. */
  static List<Stored> load(SandboxConfig config, int count) {
    Path dir = config.stateDir();
    if (dir != null) {
      List<Stored> stored = read(dir, config, count);
      if (stored != null) {
        return stored;
      }
    }
    List<Stored> generated = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KeyPair pair = Crypto.newRsaKeyPair();
      generated.add(new Stored(id(config, pair, i), pair));
    }
    if (dir != null) {
      write(dir, config, generated);
    }
    return generated;
  }

  /** The configured public-key id, else one derived from the key; a serial derived from the key. */
  private static String id(SandboxConfig config, KeyPair pair, int index) {
    byte[] digest = sha256(pair.getPublic().getEncoded());
    if (config.keyMode() == SandboxConfig.KeyMode.PUBLIC_KEY) {
      String given = config.publicKeyId();
      if (given != null) {
        return given;
      }
      // PUB_KEY_ID_ + digits, like WeChat's: 0114 + 30 digits of the key's digest
      String digits = new BigInteger(1, digest).toString().substring(0, 30);
      return "PUB_KEY_ID_0114" + digits;
    }
    // a positive 160-bit hex serial, upper case like WeChat's; the index keeps a rotation's two apart
    String hex = String.format("%040X", new BigInteger(1, digest).shiftRight(96));
    return "5" + hex.substring(1, 39) + index;
  }

  private static @Nullable List<Stored> read(Path dir, SandboxConfig config, int count) {
    Path file = dir.resolve(PROPERTIES);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      if (!config.keyMode().name().equals(properties.getProperty("mode"))
          || !Integer.toString(count).equals(properties.getProperty("count"))) {
        return null;
      }
      String given = config.publicKeyId();
      if (given != null && !given.equals(properties.getProperty("id.0"))) {
        return null; // another id is asked for: it gets a key of its own
      }
      List<Stored> stored = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = properties.getProperty("id." + i);
        Path pem = dir.resolve(keyFile(i));
        if (id == null || !Files.isRegularFile(pem)) {
          return null;
        }
        stored.add(new Stored(id, pair(Files.readString(pem, StandardCharsets.US_ASCII))));
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read WeChat's keys from " + dir, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null; // unreadable: replaced by new keys under new ids
    }
  }

  private static void write(Path dir, SandboxConfig config, List<Stored> keys) {
    Properties properties = new Properties();
    properties.setProperty("mode", config.keyMode().name());
    properties.setProperty("count", Integer.toString(keys.size()));
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < keys.size(); i++) {
        properties.setProperty("id." + i, keys.get(i).id());
        Files.writeString(
            dir.resolve(keyFile(i)),
            Pem.encode("PRIVATE KEY", keys.get(i).pair().getPrivate().getEncoded()),
            StandardCharsets.US_ASCII);
      }
      try (Writer writer =
          Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
        properties.store(writer, "payscore sandbox: WeChat's signing keys (this sandbox only)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write WeChat's keys to " + dir, e);
    }
  }

  static String keyFile(int index) {
    return "wechatpay_private_key_" + index + ".pem";
  }

  private static KeyPair pair(String pem) throws GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey key =
        (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pem)));
    return new KeyPair(
        rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
