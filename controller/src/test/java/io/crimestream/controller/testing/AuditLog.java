package io.crimestream.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local control plane's audit log: every request a ServiceAccount made, with the API
 * server's answer. It is how a test learns that RBAC refused the controller or a driver a call,
 * from the API server's own authorization and not from a copy of the rules.
 */
public final class AuditLog {

  /** The prefix of every ServiceAccount's user name. */
  public static final String SERVICE_ACCOUNTS = "system:serviceaccount:";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  /**
   * One request.
   *
   * @param user        e.g. {@code system:serviceaccount:crimestream:crimestream-controller}
   * @param resource    {@code pods}, {@code crimestreams/status} (with its subresource), ...
   * @param code        the HTTP status the API server answered
   * @param at          when the API server received it
   */
  public record Request(String user, String verb, String apiGroup, String resource,
                        String namespace, String name, int code, String uri, Instant at) {

    public boolean forbidden() {
      return code == 403;
    }

    /** {@code verb group/resource}, as a Role's rule names it. */
    public String right() {
      return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource;
    }

    @Override
    public String toString() {
      return user + " " + verb + " " + uri + " -> " + code;
    }
  }

  /** The ServiceAccount's user name, as the API server authenticates it. */
  public static String user(String namespace, String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /** Every request so far (those still being written may be missing). */
  public List<Request> requests() {
    List<Request> requests = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    for (String line : lines) {
      JsonNode event;
      try {
        event = JSON.readTree(line);
      } catch (IOException e) {
        // the last line, half written
        continue;
      }
      JsonNode ref = event.path("objectRef");
      String resource = ref.path("resource").asText("");
      if (ref.hasNonNull("subresource")) {
        resource += "/" + ref.path("subresource").asText();
      }
      requests.add(new Request(event.path("user").path("username").asText(),
          event.path("verb").asText(), ref.path("apiGroup").asText(""), resource,
          ref.path("namespace").asText(""), ref.path("name").asText(""),
          event.path("responseStatus").path("code").asInt(0),
          event.path("requestURI").asText(),
          Instant.parse(event.path("requestReceivedTimestamp").asText("1970-01-01T00:00:00Z"))));
    }
    return requests;
  }

  /**
   * The calls of ServiceAccounts that RBAC refused, but for the one refusal CrimeStream expects:
   * when a Spark driver stops, Spark deletes its application's Services by label
   * ({@code deletecollection services}). In client mode it created none (the driver's headless
   * Service is the controller's, deleted with the CrimeStream), and RBAC cannot limit a
   * deletecollection to a label, so the driver's Role does not grant it; Spark logs the refusal
   * and goes on stopping.
   */
  public List<Request> refused() {
    return forbidden(SERVICE_ACCOUNTS).stream().filter(r -> !isSparksServiceCleanup(r)).toList();
  }

  /** A driver's {@code deletecollection} of its application's Services, at its stop. */
  public static boolean isSparksServiceCleanup(Request r) {
    return r.verb().equals("deletecollection") && r.resource().equals("services")
        && r.apiGroup().isEmpty() && r.uri().contains("labelSelector=spark-app-selector");
  }

  /** The requests of users whose name starts with {@code userPrefix} that RBAC refused. */
  public List<Request> forbidden(String userPrefix) {
    return requests().stream().filter(r -> r.user().startsWith(userPrefix) && r.forbidden())
        .toList();
  }
}
