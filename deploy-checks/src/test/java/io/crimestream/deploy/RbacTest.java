package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.ControllerRbac;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.SparkRoleDependent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege: every right the chart's Roles and ClusterRoles grant is one the controller's
 * code uses (controller/src/main/resources/rbac/controller-rules.yaml, read from the controller's
 * jar), in the scope the rendered controller configuration needs, and nothing else: no wildcard,
 * no right no code path uses, no right missing. Each rendering's rights are listed in
 * deploy-checks/target/rbac-*.txt.
 */
class RbacTest {

  /** One verb on one resource (of one name, or any: ""), in a namespace or cluster-wide. */
  record Grant(String where, String apiGroup, String resource, String resourceName, String verb)
      implements Comparable<Grant> {

    static final String CLUSTER = "(cluster-wide)";

    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return where + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource
          + (resourceName.isEmpty() ? "" : "[" + resourceName + "]") + " " + verb;
    }
  }

  static Stream<Chart.Rendering> renderings() {
    return Stream.of(Chart.defaults(), Chart.withValues(Chart.ALL_OPTIONS),
        Chart.withValues(Chart.ALL_NAMESPACES),
        Chart.withSets(Map.of("controller.leaderElection", "true")));
  }

  @Test
  void theChartsRulesAreACopyOfTheControllers() {
    String controller = Repo.read("controller/src/main/resources/rbac/controller-rules.yaml");
    assertThat(Repo.read(Repo.CHART.resolve("files/controller-rules.yaml")))
        .as("helm/crimestream/files/controller-rules.yaml has drifted from the controller's;"
            + " refresh it with: cp controller/src/main/resources/rbac/controller-rules.yaml"
            + " helm/crimestream/files/")
        .isEqualTo(controller);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void theRolesGrantExactlyWhatTheControllerCodeUses(Chart.Rendering rendering)
      throws IOException {
    Set<Grant> granted = granted(rendering);
    Set<Grant> needed = needed(ChartRenderingTest.controllerConfig(rendering));
    list(rendering);

    assertThat(difference(granted, needed)).as("rights the chart grants that no code path of"
        + " the controller uses (controller-rules.yaml)").isEmpty();
    assertThat(difference(needed, granted)).as("rights the controller uses that the chart does"
        + " not grant").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void noRoleHasAWildcardOrAnEscalatingVerb(Chart.Rendering rendering) {
    for (PolicyRule rule : rules(rendering).values().stream().flatMap(List::stream).toList()) {
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
      assertThat(Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs(),
          rule.getResourceNames()).flatMap(l -> l == null ? Stream.empty() : l.stream()))
          .as("%s", rule).noneMatch(s -> s.contains("*"));
      assertThat(rule.getVerbs()).as("%s", rule).isNotEmpty()
          .doesNotContain("escalate", "bind", "impersonate");
    }
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyRoleIsBoundToTheControllerAndToNothingElse(Chart.Rendering rendering) {
    ControllerConfig config = ChartRenderingTest.controllerConfig(rendering);
    String serviceAccount = rendering.one(io.fabric8.kubernetes.api.model.apps.Deployment.class,
        d -> true).getSpec().getTemplate().getSpec().getServiceAccountName();
    Set<String> bound = new TreeSet<>();
    for (RoleBinding binding : rendering.all(RoleBinding.class)) {
      assertControllerOnly(binding.getSubjects(), serviceAccount);
      RoleRef ref = binding.getRoleRef();
      assertThat(ref.getKind()).isEqualTo("Role");
      bound.add("Role " + binding.getMetadata().getNamespace() + "/" + ref.getName());
      if (!config.watchesAllNamespaces() && !ref.getName().endsWith("-leader-election")) {
        // a watched namespace, or one where only KafkaTopics are written
        assertThat(ref.getName().endsWith("-kafka-topics") ? config.kafkaNamespaces()
            : config.watchNamespaces()).contains(binding.getMetadata().getNamespace());
      }
    }
    for (ClusterRoleBinding binding : rendering.all(ClusterRoleBinding.class)) {
      assertControllerOnly(binding.getSubjects(), serviceAccount);
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      bound.add("ClusterRole " + binding.getRoleRef().getName());
    }
    Set<String> roles = new TreeSet<>();
    rendering.all(Role.class).forEach(r -> roles.add("Role " + r.getMetadata().getNamespace()
        + "/" + r.getMetadata().getName()));
    rendering.all(ClusterRole.class).forEach(r -> roles.add("ClusterRole "
        + r.getMetadata().getName()));
    assertThat(bound).as("bound roles").isEqualTo(roles);
  }

  /**
   * The controller creates each CrimeStream's driver Role; Kubernetes refuses a Role that grants
   * more than its creator holds in that namespace.
   */
  @ParameterizedTest
  @MethodSource("renderings")
  void theControllerHoldsEveryRightTheSparkDriversRoleGrants(Chart.Rendering rendering) {
    ControllerConfig config = ChartRenderingTest.controllerConfig(rendering);
    Set<Grant> granted = granted(rendering);
    Set<String> namespaces = config.watchesAllNamespaces() ? Set.of(Grant.CLUSTER)
        : config.watchNamespaces();
    for (String namespace : namespaces) {
      for (Grant driver : expand(namespace, SparkRoleDependent.rules("study-metrics"))) {
        Grant unnamed = new Grant(driver.where(), driver.apiGroup(), driver.resource(), "",
            driver.verb());
        assertThat(granted).as("the controller's right to grant %s", driver).contains(unnamed);
      }
    }
  }

  @Test
  void withoutRbacTheChartRendersNoRole() {
    Chart.Rendering rendering = Chart.withSets(Map.of("rbac.create", "false"));
    assertThat(rendering.objects()).noneMatch(o -> o.getKind().contains("Role"));
  }

  /** What the controller's code needs, given how it is configured. */
  static Set<Grant> needed(ControllerConfig config) {
    Set<Grant> needed = new TreeSet<>();
    for (ControllerRbac.ScopedRule rule : ControllerRbac.rules()) {
      List<String> where = switch (rule.scope()) {
        case "namespaced" -> config.watchesAllNamespaces() ? List.of(Grant.CLUSTER)
            : List.copyOf(config.watchNamespaces());
        case "kafka-namespaces" -> config.watchesAllNamespaces() ? List.of(Grant.CLUSTER)
            : List.copyOf(config.topicNamespaces());
        case "cluster" -> List.of(Grant.CLUSTER);
        case "controller-namespace" -> config.leaderElection()
            ? List.of(config.leaderElectionNamespace()) : List.of();
        default -> throw new AssertionError("unknown scope " + rule.scope());
      };
      for (String w : where) {
        needed.addAll(expand(w, List.of(rule.rule())));
      }
    }
    return needed;
  }

  /** What the rendered Roles (in their namespace) and ClusterRoles (cluster-wide) grant. */
  static Set<Grant> granted(Chart.Rendering rendering) {
    Set<Grant> granted = new TreeSet<>();
    rules(rendering).forEach((where, rules) -> granted.addAll(expand(where, rules)));
    return granted;
  }

  /** The rules of every rendered role, by where they apply. */
  static Map<String, List<PolicyRule>> rules(Chart.Rendering rendering) {
    return rendering.objects().stream()
        .filter(o -> o instanceof Role || o instanceof ClusterRole)
        .collect(Collectors.groupingBy(RbacTest::where, Collectors.flatMapping(o ->
            (o instanceof Role r ? r.getRules() : ((ClusterRole) o).getRules()).stream(),
            Collectors.toList())));
  }

  private static String where(HasMetadata role) {
    return role instanceof Role ? role.getMetadata().getNamespace() : Grant.CLUSTER;
  }

  static List<Grant> expand(String where, List<PolicyRule> rules) {
    List<Grant> grants = new ArrayList<>();
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
          ? List.of("") : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String name : names) {
            for (String verb : rule.getVerbs()) {
              grants.add(new Grant(where, group, resource, name, verb));
            }
          }
        }
      }
    }
    return grants;
  }

  private static Set<Grant> difference(Set<Grant> a, Set<Grant> b) {
    Set<Grant> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static void assertControllerOnly(List<Subject> subjects, String serviceAccount) {
    assertThat(subjects).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(serviceAccount);
      assertThat(s.getNamespace()).isEqualTo(Repo.NAMESPACE);
    });
  }

  /** Writes (and prints) the verbs and resources each rendered role grants. */
  private static void list(Chart.Rendering rendering) throws IOException {
    StringBuilder out = new StringBuilder("# the rights helm/crimestream grants, rendered with "
        + rendering.key().label() + "\n");
    for (HasMetadata role : rendering.objects()) {
      List<PolicyRule> rules = role instanceof Role r ? r.getRules()
          : role instanceof ClusterRole c ? c.getRules() : null;
      if (rules == null) {
        continue;
      }
      out.append(role.getKind()).append(' ').append(role.getMetadata().getNamespace() == null
          ? "" : role.getMetadata().getNamespace() + "/").append(role.getMetadata().getName())
          .append('\n');
      for (PolicyRule rule : rules) {
        out.append("  ").append(String.join(",", rule.getApiGroups().stream()
                .map(g -> g.isEmpty() ? "core" : g).toList()))
            .append(' ').append(String.join(",", rule.getResources()))
            .append(rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? ""
                : " " + rule.getResourceNames())
            .append(": ").append(String.join(", ", rule.getVerbs())).append('\n');
      }
    }
    String name = "rbac-" + rendering.key().label().replaceAll("[^A-Za-z0-9.=,-]", "_")
        + ".txt";
    Path file = Repo.path("deploy-checks/target").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
    System.out.print(out);
  }
}
