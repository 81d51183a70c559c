package io.crimestream.record;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Which Unicode encoding an export is in, told from its first bytes: UTF-8 with or without a
 * byte-order mark, and UTF-16 (what spreadsheets save as "Unicode text") with or without one.
 * A UTF-16 file without a mark is recognised by its zero bytes: the city's columns are ASCII, so
 * every other byte of a UTF-16 header is 0.
 *
 * @param charset       how to decode the text after the mark
 * @param name          for messages, e.g. {@code UTF-16LE with a byte-order mark}
 * @param markBytes     bytes of the byte-order mark to skip
 */
public record TextEncoding(Charset charset, String name, int markBytes) {

  private static final int SNIFF_BYTES = 512;

  /** The plain case: UTF-8 without a mark. */
  public static final TextEncoding UTF_8 = new TextEncoding(StandardCharsets.UTF_8, "UTF-8", 0);

  public boolean isUtf8() {
    return charset.equals(StandardCharsets.UTF_8);
  }

  /**
   * Looks at the first bytes of {@code in} (which must support mark/reset) and leaves it
   * positioned after the byte-order mark, if any.
   */
  public static TextEncoding detect(BufferedInputStream in) throws IOException {
    in.mark(SNIFF_BYTES);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    TextEncoding e = of(head);
    in.skipNBytes(e.markBytes());
    return e;
  }

  static TextEncoding of(byte[] b) {
    int n = b.length;
    if (n >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return new TextEncoding(StandardCharsets.UTF_8, "UTF-8 with a byte-order mark", 3);
    }
    if (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return new TextEncoding(StandardCharsets.UTF_16LE, "UTF-16LE with a byte-order mark", 2);
    }
    if (n >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return new TextEncoding(StandardCharsets.UTF_16BE, "UTF-16BE with a byte-order mark", 2);
    }
    int pairs = n / 2;
    if (pairs >= 4) {
      int zeroEven = 0;
      int zeroOdd = 0;
      for (int i = 0; i + 1 < n; i += 2) {
        zeroEven += b[i] == 0 ? 1 : 0;
        zeroOdd += b[i + 1] == 0 ? 1 : 0;
      }
      if (zeroOdd * 10 >= pairs * 8 && zeroEven * 10 <= pairs) {
        return new TextEncoding(StandardCharsets.UTF_16LE, "UTF-16LE without a byte-order mark", 0);
      }
      if (zeroEven * 10 >= pairs * 8 && zeroOdd * 10 <= pairs) {
        return new TextEncoding(StandardCharsets.UTF_16BE, "UTF-16BE without a byte-order mark", 0);
      }
    }
    return UTF_8;
  }

  /** {@code in} buffered, so that {@link #detect} can look ahead. */
  public static BufferedInputStream buffered(InputStream in) {
    return in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
  }
}
