package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.TopicName;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Strimzi Kafka cluster (in this namespace or another) and the topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.authentication) || self.authentication.type != 'tls'"
    + " || has(self.tls)", message = "authentication type tls needs tls: client certificates are"
    + " sent over TLS")
@ValidationRule(value = KafkaSpec.DEAD_LETTER_TOPIC_RULE, message = "with deadLetter, the topic"
    + " may have at most 245 characters, so that the dead-letter topic <topic>"
    + TopicName.DEAD_LETTER_SUFFIX + " is a legal topic name too: shorten the topic, or set"
    + " deadLetter: false")
public class KafkaSpec {

  /** The dead-letter topic, {@code <topic>-dlq}, is a topic name Kafka allows too. */
  public static final String DEAD_LETTER_TOPIC_RULE = "!has(self.topic)"
      + " || (has(self.deadLetter) && !self.deadLetter)"
      + " || size(self.topic + '" + TopicName.DEAD_LETTER_SUFFIX + "') <= " + TopicName.MAX_LENGTH;

  @Required
  @Pattern(Defaults.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("The name of the Strimzi Kafka cluster: the KafkaTopic gets its"
      + " strimzi.io/cluster label.")
  private String cluster;

  @Pattern(Defaults.NAMESPACE_PATTERN)
  @Size(max = 63)
  @JsonPropertyDescription("The namespace of the Kafka cluster, where its topic operator watches"
      + " KafkaTopics: the KafkaTopics are created there. Default: the CrimeStream's namespace."
      + " The controller must be allowed there (the chart's controller.kafkaNamespaces). The"
      + " Secrets named under tls and authentication stay in the CrimeStream's namespace.")
  private String namespace;

  @Pattern("^[^,:\\s]+:[0-9]+(,[^,:\\s]+:[0-9]+)*$")
  @JsonPropertyDescription("host:port[,host:port] of the brokers; default"
      + " <cluster>-kafka-bootstrap.<namespace>.svc:9092 (Strimzi's plain listener), or :9093"
      + " (its tls listener) when tls is set.")
  private String bootstrapServers;

  @JsonPropertyDescription("Connect over TLS, trusting the cluster CA (or the certificate named"
      + " here). Set it, even empty ({}), for a listener with tls: true.")
  private KafkaTls tls;

  @JsonPropertyDescription("Authenticate as a KafkaUser: scram-sha-512 or tls, with credentials"
      + " from Secrets; default none.")
  private KafkaAuthentication authentication;

  @Default(Defaults.TOPIC)
  @Pattern(TopicName.PATTERN)
  @Size(max = TopicName.MAX_LENGTH)
  @JsonPropertyDescription("The topic the crimes are streamed through: Kafka's legal characters"
      + " only (ASCII letters, digits, '.', '_' and '-'), at most 249, not . or ..; with"
      + " deadLetter, at most 245, so that <topic>-dlq is legal too.")
  private String topic;

  @Default(Defaults.TOPIC_REPLICAS_TEXT)
  @Min(1)
  @Max(32)
  @JsonPropertyDescription("The topic's replication factor (it has one partition, so that the"
      + " stream stays in time order).")
  private Integer replicas;

  @Default("false")
  @JsonPropertyDescription("Delete the KafkaTopics (and so the topics) when the CrimeStream is"
      + " deleted; by default the topics outlive it and a new CrimeStream can replay them.")
  private Boolean deleteTopic;

  @Default("true")
  @JsonPropertyDescription("Also create the dead-letter topic <topic>-dlq, where the streaming job"
      + " sends the records it rejects; false: rejected records are only counted.")
  private Boolean deadLetter;

  public KafkaTls getTls() {
    return tls;
  }

  public void setTls(KafkaTls tls) {
    this.tls = tls;
  }

  public KafkaAuthentication getAuthentication() {
    return authentication;
  }

  public void setAuthentication(KafkaAuthentication authentication) {
    this.authentication = authentication;
  }

  public Boolean getDeadLetter() {
    return deadLetter;
  }

  public void setDeadLetter(Boolean deadLetter) {
    this.deadLetter = deadLetter;
  }

  public String getCluster() {
    return cluster;
  }

  public void setCluster(String cluster) {
    this.cluster = cluster;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Boolean getDeleteTopic() {
    return deleteTopic;
  }

  public void setDeleteTopic(Boolean deleteTopic) {
    this.deleteTopic = deleteTopic;
  }
}
