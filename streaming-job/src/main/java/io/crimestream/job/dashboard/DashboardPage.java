package io.crimestream.job.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The dashboard's one page in its two forms: served by the job, where it links its script, style
 * and uPlot from the job; and self-contained, for {@code report.html}, where they and the data
 * are inlined so that the file opens from disk with no server and no network.
 */
final class DashboardPage {

  private DashboardPage() {}

  /** The page the job serves at {@code /}: its files linked, relative to it. */
  static String served(DashboardAssets a) {
    String head = "<link rel=\"stylesheet\" href=\"" + rel(Dashboard.UPLOT_STYLE) + "\">\n"
        + "<link rel=\"stylesheet\" href=\"" + rel(Dashboard.STYLE) + "\">";
    String scripts = "<script src=\"" + rel(Dashboard.UPLOT_SCRIPT) + "\"></script>\n"
        + "<script src=\"" + rel(Dashboard.SCRIPT) + "\"></script>";
    return a.page.text().replace(DashboardAssets.HEAD_MARKER, head).replace(DashboardAssets.SCRIPTS_MARKER, scripts);
  }

  /**
   * The self-contained page: {@code dataJson} (HTML-safe JSON, see {@link DashboardData#toJson})
   * in a data block the script reads, the scripts and styles inline, and a Content-Security-Policy
   * that lets exactly those inline scripts and styles run (by their SHA-256) and allows no
   * connection, so that the file sends nothing anywhere.
   */
  static String selfContained(DashboardAssets a, String dataJson) {
    if (dataJson.contains("<")) {
      throw new IllegalArgumentException("the report's data must be HTML-safe JSON, without '<'");
    }
    String uplot = "/*! uPlot " + a.uplotVersion + ", MIT licence:\n" + a.uplotLicense.text().strip() + "\n*/\n"
        + inlinable(a.uplotScript, "</script", "<!--");
    String script = inlinable(a.script, "</script", "<!--");
    String style = inlinable(a.uplotStyle, "</style", "<!--") + "\n" + inlinable(a.style, "</style", "<!--");
    String csp = "default-src 'none'; script-src " + hash(uplot) + " " + hash(script) + "; style-src " + hash(style)
        + "; img-src data:; base-uri 'none'; form-action 'none'";
    String head = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<style>" + style + "</style>";
    String scripts = "<script type=\"application/json\" id=\"crimestream-data\">" + dataJson + "</script>\n"
        + "<script>" + uplot + "</script>\n"
        + "<script>" + script + "</script>";
    return a.page.text().replace(DashboardAssets.HEAD_MARKER, head).replace(DashboardAssets.SCRIPTS_MARKER, scripts);
  }

  /** The file's text, refused if it holds what would end (or confuse) the element it goes into. */
  private static String inlinable(DashboardAssets.Asset asset, String... forbidden) {
    String lower = asset.text().toLowerCase(Locale.ROOT);
    for (String f : forbidden) {
      if (lower.contains(f)) {
        throw new IllegalStateException(asset.name() + " holds '" + f + "' and cannot be inlined into report.html");
      }
    }
    return asset.text();
  }

  /** A CSP source for exactly this inline text. */
  static String hash(String inline) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** {@code /dashboard.js} as {@code dashboard.js}: relative, so the page also works under a proxy's prefix. */
  private static String rel(String path) {
    return path.substring(1);
  }
}
