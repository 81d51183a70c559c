package io.crimestream.controller.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sixteen hex digits of a text's SHA-256: short enough for a name suffix or an annotation, and
 * the same for the same text (a pod spec's hash, an Event's name).
 */
public final class ShortDigest {

  private ShortDigest() {}

  /** The first 8 bytes of the SHA-256 of {@code text}'s UTF-8, in lowercase hex. */
  public static String of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
