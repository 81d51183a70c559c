package io.crimestream.controller.settings;

import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.api.KafkaSpec;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.security.KafkaClientSecurity;
import io.crimestream.options.JobOptions;
import io.crimestream.options.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code spec.kafka}: the Strimzi cluster, where its KafkaTopics go, how the pods reach its
 * brokers, and the topics (the stream's, the job's and the producers' {@code --topic}, and the
 * job's {@code --dead-letter-topic}).
 *
 * @param cluster          the Strimzi Kafka cluster's name
 * @param namespace        where the KafkaTopics are created (the cluster's topic operator watches)
 * @param bootstrapServers host:port[,host:port] of the brokers, as the pods reach them
 * @param security         the protocol and the Secrets the pods mount
 * @param topic            the stream's topic
 * @param deadLetterTopic  the job's dead-letter topic, or empty when rejected records are only
 *                         counted
 * @param replicas         the topics' replication factor
 * @param deleteTopic      whether the KafkaTopics go with the CrimeStream
 */
public record KafkaSettings(String cluster, String namespace, String bootstrapServers,
                            KafkaClientSecurity security, String topic,
                            Optional<String> deadLetterTopic, int replicas, boolean deleteTopic) {

  private static final Pattern DNS_NAME = Pattern.compile(Defaults.DNS_LABEL_PATTERN);
  private static final Pattern NAMESPACE = Pattern.compile(Defaults.NAMESPACE_PATTERN);
  private static final Pattern BOOTSTRAP =
      Pattern.compile("^[^,:\\s]+:[0-9]+(,[^,:\\s]+:[0-9]+)*$");

  static KafkaSettings of(KafkaSpec given, String ownNamespace, ControllerConfig config,
                          SpecProblems problems) {
    KafkaSpec kafka = given != null ? given : new KafkaSpec();
    String cluster = kafka.getCluster();
    if (cluster == null || !DNS_NAME.matcher(cluster).matches()) {
      problems.add("spec.kafka.cluster " + (cluster == null ? "is missing" : "'" + cluster
          + "' is not a Kubernetes name") + ": name the Strimzi Kafka cluster, e.g. my-cluster");
    }
    String topic = kafka.getTopic() != null ? kafka.getTopic() : JobOptions.TOPIC.defaultText();
    boolean topicLegal = problems.option("spec.kafka.topic", JobOptions.TOPIC, topic).isPresent();
    Optional<String> deadLetterTopic = Boolean.FALSE.equals(kafka.getDeadLetter())
        ? Optional.empty() : Optional.of(TopicName.deadLetter(topic));
    if (topicLegal && deadLetterTopic.isPresent()) {
      String problem = JobOptions.DEAD_LETTER_TOPIC.problem(deadLetterTopic.get());
      if (problem != null) {
        problems.add("spec.kafka.topic: the dead-letter topic " + deadLetterTopic.get()
            + " is refused (" + problem + "): shorten the topic, or set spec.kafka.deadLetter:"
            + " false");
      }
    }
    String namespace = namespace(kafka, ownNamespace, config, problems);
    KafkaClientSecurity security = KafkaSecuritySettings.of(kafka, cluster, problems);
    // fully qualified: the CrimeStream's pods may run in another namespace than the cluster
    String bootstrap = kafka.getBootstrapServers() != null ? kafka.getBootstrapServers()
        : cluster + "-kafka-bootstrap." + namespace + ".svc:"
            + (security.tls() ? Defaults.KAFKA_TLS_BOOTSTRAP_PORT : Defaults.KAFKA_BOOTSTRAP_PORT);
    if (kafka.getBootstrapServers() != null && !BOOTSTRAP.matcher(bootstrap).matches()) {
      problems.add("spec.kafka.bootstrapServers '" + bootstrap
          + "' must be host:port[,host:port], e.g. my-cluster-kafka-bootstrap:9092");
    }
    int replicas = kafka.getReplicas() != null ? kafka.getReplicas() : Defaults.TOPIC_REPLICAS;
    if (replicas < 1) {
      problems.add("spec.kafka.replicas is " + replicas + ": it must be at least 1");
    }
    return new KafkaSettings(cluster, namespace, bootstrap, security, topic, deadLetterTopic,
        replicas, Boolean.TRUE.equals(kafka.getDeleteTopic()));
  }

  /**
   * Where the KafkaTopics go: spec.kafka.namespace, by default the CrimeStream's own; one the
   * controller is allowed to write KafkaTopics in.
   */
  private static String namespace(KafkaSpec kafka, String own, ControllerConfig config,
                                  SpecProblems problems) {
    String namespace = kafka.getNamespace() != null ? kafka.getNamespace() : own;
    if (!NAMESPACE.matcher(namespace).matches() || namespace.length() > 63) {
      problems.add("spec.kafka.namespace '" + namespace + "' is not a namespace name (lowercase"
          + " letters, digits and '-', at most 63 characters)");
    } else if (!config.reachesTopicsIn(namespace)) {
      problems.add("spec.kafka.namespace '" + namespace + "': the controller may write"
          + " KafkaTopics only in " + String.join(", ", config.topicNamespaces())
          + "; add " + namespace + " to the chart's controller.kafkaNamespaces (helm upgrade), or"
          + " name one of those");
    }
    return namespace;
  }

  /**
   * The topics the controller creates: the stream's, the predictions' (the job's default name for
   * them) and, if enabled, the dead-letter one.
   */
  public List<String> topics() {
    List<String> topics = new ArrayList<>(List.of(topic, TopicName.predictions(topic)));
    deadLetterTopic.ifPresent(topics::add);
    return List.copyOf(topics);
  }
}
