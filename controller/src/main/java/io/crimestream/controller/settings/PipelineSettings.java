package io.crimestream.controller.settings;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.options.CrimeStreamName;
import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CrimeStream's spec with every default applied and every rule checked, section by section:
 * what the dependent resources are built from. The CRD schema refuses most bad specs already;
 * the sections catch the rest (and everything, where no schema validation runs) with messages
 * that name the field, and every value the job or the producer takes is checked by the
 * program's own option, so that no spec the controller runs is refused by the program.
 *
 * @param source           the months and where their crimes come from
 * @param kafka            the Kafka cluster, topics and client security
 * @param producer         the producer Jobs' image and pace
 * @param spark            the Spark processes
 * @param streaming        how the job cuts the stream into batches and stops
 * @param learning         how the job learns
 * @param registry         the model registry's versions and the saved one to start from
 * @param metricsConfigMap the ConfigMap the job publishes its metrics to
 * @param imagePullPolicy  every container's, from the controller's configuration
 * @param imagePullSecrets every pod's, from the controller's configuration
 */
public record PipelineSettings(SourceSettings source, KafkaSettings kafka,
                               ProducerSettings producer, SparkSettings spark,
                               StreamingSettings streaming, LearningSettings learning,
                               RegistrySettings registry, String metricsConfigMap,
                               String imagePullPolicy, List<String> imagePullSecrets) {

  private static final Pattern DNS_NAME = Pattern.compile(Defaults.DNS_LABEL_PATTERN);

  public static PipelineSettings of(CrimeStream cs, ControllerConfig config)
      throws InvalidSpecException {
    SpecProblems problems = new SpecProblems();
    // the CRD refuses these names already; an API server without CEL validation does not
    CrimeStreamName.problems(cs.getMetadata().getName()).forEach(problems::add);
    CrimeStreamSpec spec = cs.getSpec();
    if (spec == null) {
      throw new InvalidSpecException(List.of("spec is missing: set at least spec.months,"
          + " spec.source and spec.kafka.cluster"));
    }
    SourceSettings source = SourceSettings.of(spec, problems);
    KafkaSettings kafka = KafkaSettings.of(spec.getKafka(), cs.getMetadata().getNamespace(),
        config, problems);
    ProducerSettings producer = ProducerSettings.of(spec.getProducer(), config, problems);
    SparkSettings spark = SparkSettings.of(spec.getSpark(), config, problems);
    StreamingSettings streaming = StreamingSettings.of(spec.getSpark(), problems);
    LearningSettings learning = LearningSettings.of(spec, problems);
    RegistrySettings registry = RegistrySettings.of(spec, problems);
    String metricsConfigMap = ResourceNames.metricsConfigMap(cs);
    if (!DNS_NAME.matcher(metricsConfigMap).matches()) {
      problems.add("spec.metricsConfigMap '" + metricsConfigMap + "' is not a Kubernetes name");
    }
    problems.throwIfAny();
    return new PipelineSettings(source, kafka, producer, spark, streaming, learning, registry,
        metricsConfigMap, config.imagePullPolicy(), config.imagePullSecrets());
  }

  /** The pods' imagePullSecrets. */
  public List<LocalObjectReference> imagePullSecretReferences() {
    return imagePullSecrets.stream().map(LocalObjectReference::new).toList();
  }
}
