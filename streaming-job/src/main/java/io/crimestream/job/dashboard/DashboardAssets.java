package io.crimestream.job.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The dashboard's files, read once from the classpath: its page, script and style (this
 * package's resources) and uPlot, the charting library, from its WebJar
 * ({@code org.webjars.npm:uplot}, MIT licence). Both the live dashboard and {@code report.html}
 * are made of these, so that the two show the same charts, and nothing is fetched from the
 * network at run time (clusters are often offline).
 */
final class DashboardAssets {

  private static final String OWN = "/io/crimestream/job/dashboard/";
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  /** One file: its name (for messages), content type and text. */
  record Asset(String name, String contentType, String text) {
    byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  final String uplotVersion;
  /** The page, with the markers {@link #HEAD_MARKER} and {@link #SCRIPTS_MARKER} to fill in. */
  final Asset page;
  final Asset script;
  final Asset style;
  final Asset uplotScript;
  final Asset uplotStyle;
  final Asset uplotLicense;

  /** Where the page takes its styles (links, or inline ones). */
  static final String HEAD_MARKER = "<!--crimestream:head-->";
  /** Where the page takes its scripts (and, in report.html, its data). */
  static final String SCRIPTS_MARKER = "<!--crimestream:scripts-->";

  private static final class Holder {
    static final DashboardAssets INSTANCE = new DashboardAssets();
  }

  /** The files, read on first use. */
  static DashboardAssets get() {
    return Holder.INSTANCE;
  }

  private DashboardAssets() {
    uplotVersion = uplotVersion();
    String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion + "/";
    page = read(OWN + "dashboard.html", "text/html; charset=utf-8");
    script = read(OWN + "dashboard.js", "text/javascript; charset=utf-8");
    style = read(OWN + "dashboard.css", "text/css; charset=utf-8");
    uplotScript = read(uplot + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8");
    uplotStyle = read(uplot + "dist/uPlot.min.css", "text/css; charset=utf-8");
    uplotLicense = read(uplot + "LICENSE", "text/plain; charset=utf-8");
    for (String marker : new String[] {HEAD_MARKER, SCRIPTS_MARKER}) {
      if (!page.text().contains(marker)) {
        throw new IllegalStateException(page.name() + " lacks its marker " + marker
            + ": the page cannot take its styles and scripts");
      }
    }
  }

  private static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in = DashboardAssets.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the classpath ("
            + UPLOT_POM + " not found): the dashboard has no charting library; the job's build or image"
            + " left the jar out");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT_POM + " from the uPlot WebJar", e);
    }
    String version = p.getProperty("version");
    if (version == null || !version.matches("[0-9A-Za-z.\\-]+")) {
      throw new IllegalStateException(UPLOT_POM + " names no usable version: " + version);
    }
    return version;
  }

  private static Asset read(String resource, String contentType) {
    try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's file " + resource + " is not on the classpath: the"
            + " job's jar (or the uPlot WebJar) is incomplete");
      }
      return new Asset(resource, contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's file " + resource, e);
    }
  }
}
