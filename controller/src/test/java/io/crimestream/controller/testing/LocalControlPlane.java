package io.crimestream.controller.testing;

import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The local Kubernetes control plane ({@code test-cluster/target/test-cluster}, built by the
 * test-cluster module when Go is on the PATH) as a child process: etcd, the real kube-apiserver
 * and the controllers CrimeStream relies on, on loopback. Started once per test class; its
 * output goes to {@code DIR/test-cluster.log}, its requests made as ServiceAccounts to
 * {@code DIR/audit.log}.
 */
public final class LocalControlPlane implements AutoCloseable {

  private static final Duration START_DEADLINE = Duration.ofMinutes(2);

  private final Process process;
  private final Path dir;
  private final Config adminConfig;
  private final KubernetesClient admin;

  private LocalControlPlane(Process process, Path dir, Config adminConfig) {
    this.process = process;
    this.dir = dir;
    this.adminConfig = adminConfig;
    this.admin = new KubernetesClientBuilder().withConfig(adminConfig).build();
  }

  /** The binary the test-cluster module builds. */
  public static Path binary(Path projectRoot) {
    return projectRoot.resolve("test-cluster").resolve("target").resolve("test-cluster");
  }

  /**
   * Skips the calling test when the binary was not built (no Go on the PATH: the build said so),
   * except on CI, which has Go: there a missing binary fails.
   */
  public static void assumeBuilt(Path projectRoot) {
    Path binary = binary(projectRoot);
    if (Files.isExecutable(binary)) {
      return;
    }
    String why = binary + " is missing: the test-cluster module builds it only when 'go' is on"
        + " the PATH; install Go 1.26+ and run ./mvnw verify again";
    if ("true".equals(System.getenv("CI"))) {
      fail("the real-control-plane tests must run on CI: " + why);
    }
    Assumptions.abort("real-control-plane test NOT run: " + why);
  }

  /** Starts the control plane in {@code dir} and waits until it says {@code ready}. */
  public static LocalControlPlane start(Path projectRoot, Path dir) throws IOException {
    assumeBuilt(projectRoot);
    Files.createDirectories(dir);
    Path log = dir.resolve("test-cluster.log");
    Process process = new ProcessBuilder(binary(projectRoot).toString(), "--dir", dir.toString())
        .redirectError(log.toFile())
        .start();
    Instant started = Instant.now();
    CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.equals("ready")) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    try {
      if (!ready.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        throw new IOException("test-cluster stopped before it was ready (exit code "
            + process.waitFor() + "); its log: " + tail(log));
      }
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new IOException("test-cluster was not ready within " + START_DEADLINE
          + "; its log: " + tail(log), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while test-cluster started", e);
    }
    System.out.printf("local control plane ready in %d ms (%s)%n",
        Duration.between(started, Instant.now()).toMillis(), dir);
    Config config = Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")));
    return new LocalControlPlane(process, dir, config);
  }

  /** A client with the admin's certificate (group system:masters): what the tests set up with. */
  public KubernetesClient admin() {
    return admin;
  }

  public String url() {
    return adminConfig.getMasterUrl();
  }

  public int port() {
    return java.net.URI.create(url()).getPort();
  }

  /** The CA that signed the API server's certificate (what a pod's ca.crt holds). */
  public Path caCertificate() {
    return dir.resolve("pki").resolve("ca.crt");
  }

  /** Every request made as a ServiceAccount, one JSON event per line. */
  public Path auditLog() {
    return dir.resolve("audit.log");
  }

  /** A token of a ServiceAccount, from the TokenRequest API, as a kubelet gets one for a pod. */
  public String token(String namespace, String serviceAccount) {
    TokenRequest request = new TokenRequestBuilder().withNewSpec()
        .withExpirationSeconds(4L * 3600).endSpec().build();
    return admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(request).getStatus().getToken();
  }

  /** A client authenticated as the ServiceAccount: RBAC decides what it may do. */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withCaCertFile(caCertificate().toString())
        .withOauthToken(token(namespace, serviceAccount))
        .withNamespace(namespace)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Stops it as a user would (SIGTERM) and waits for it to end. */
  @Override
  public void close() {
    admin.close();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
