package io.crimestream.controller.api;

import io.crimestream.options.TopicName;

/**
 * The values an absent optional field takes, and the patterns of the fields that are Kubernetes'
 * own (names, quantities, Secret keys); the fields the job and the producer take use their
 * options' patterns ({@code io.crimestream.options}). The CRD schema states the defaults through
 * annotations (which need compile-time constants, hence the text forms); the controller applies
 * them too, because an API server without schema defaulting (or a test's mock server) hands the
 * spec over as written. Those that are an option's default are kept equal to it by a test.
 */
public final class Defaults {

  /** A Kubernetes object name (RFC 1123 subdomain). */
  public static final String DNS_LABEL_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  /** A namespace's name (RFC 1123 label; at most 63 characters, checked apart). */
  public static final String NAMESPACE_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  /** Kubernetes quantities such as {@code 1Gi}, {@code 512m} or {@code 2}. */
  public static final String QUANTITY_PATTERN =
      "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
  /** Spark's memory strings: a number and an optional unit, e.g. {@code 1g} or {@code 512m}. */
  public static final String SPARK_MEMORY_PATTERN = "^[1-9][0-9]*[kKmMgGtT]?$";

  public static final int MAX_MONTHS = 120;

  public static final String TOPIC = TopicName.DEFAULT;
  public static final int TOPIC_REPLICAS = 1;
  public static final String TOPIC_REPLICAS_TEXT = "1";
  public static final int KAFKA_BOOTSTRAP_PORT = 9092;
  /** Strimzi's TLS listener, the default port when spec.kafka.tls is set. */
  public static final int KAFKA_TLS_BOOTSTRAP_PORT = 9093;
  /** A Secret's key (what a Secret volume item may name). */
  public static final String SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";
  /** The keys of Strimzi's Secrets: the cluster CA's, and a KafkaUser's. */
  public static final String CA_CERTIFICATE_KEY = "ca.crt";
  public static final String SCRAM_PASSWORD_KEY = "password";
  public static final String KEYSTORE_KEY = "user.p12";
  public static final String KEYSTORE_PASSWORD_KEY = "user.password";
  /** The Secret Strimzi publishes the cluster CA certificate in: {@code <cluster>} + this. */
  public static final String CLUSTER_CA_CERT_SECRET_SUFFIX = "-cluster-ca-cert";

  public static final double ROWS_PER_SECOND = 1;
  public static final String ROWS_PER_SECOND_TEXT = "1";
  public static final int BATCH_ROWS = 120;
  public static final String BATCH_ROWS_TEXT = "120";
  /** How often Kubernetes retries a producer Job's pod before the month counts as failed. */
  public static final int PRODUCER_BACKOFF_LIMIT = 2;
  public static final String PRODUCER_BACKOFF_LIMIT_TEXT = "2";

  public static final int EXECUTORS = 2;
  public static final String EXECUTORS_TEXT = "2";
  public static final String TRIGGER_INTERVAL = "1s";
  public static final String DRIVER_MEMORY = "1g";
  public static final String EXECUTOR_MEMORY = "1g";
  public static final int DRIVER_CORES = 1;
  public static final int EXECUTOR_CORES = 1;
  public static final String CHECKPOINT_SIZE = "1Gi";

  public static final String METRICS_CONFIG_MAP_SUFFIX = "-metrics";

  private Defaults() {}
}
