package io.crimestream.controller.security;

import io.crimestream.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the pods reach Kafka beyond the bootstrap servers: the security protocol, and the Secrets
 * (named, never read by the controller) that hold the credentials. Each Secret is mounted
 * read-only under {@value #MOUNT_ROOT} in the producer Jobs, the driver and the executors (the
 * Kafka source reads on the executors, with the same file paths), and the
 * {@code KafkaConnection.ENV_*} variables point the programs at the files. The only values
 * written into a pod spec are the protocol, the mechanism, the user name and file paths.
 *
 * @param protocol      PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param scramUsername the SCRAM user, or null
 * @param scramPassword the Secret key holding its password, or null
 * @param caCertificate the Secret key holding the CA to trust, or null (the JVM's authorities)
 * @param keystore      the Secret key holding the client's PKCS#12 keystore, or null
 * @param keystorePassword the Secret key holding that keystore's password, or null
 */
public record KafkaClientSecurity(KafkaConnection.Protocol protocol, String scramUsername,
                                  SecretKey scramPassword, SecretKey caCertificate,
                                  SecretKey keystore, SecretKey keystorePassword) {

  /** Where the Secrets are mounted, one folder each. */
  public static final String MOUNT_ROOT = "/etc/crimestream/kafka";
  public static final String CA_VOLUME = "kafka-ca";
  public static final String SCRAM_VOLUME = "kafka-scram";
  public static final String USER_VOLUME = "kafka-user";
  /** Readable by the owner and the group (the pod's fsGroup), by nobody else. */
  static final int SECRET_FILE_MODE = 0440;

  /** One key of one Secret. */
  public record SecretKey(String secretName, String key) {}

  public static final KafkaClientSecurity PLAINTEXT = new KafkaClientSecurity(
      KafkaConnection.Protocol.PLAINTEXT, null, null, null, null, null);

  public boolean tls() {
    return protocol == KafkaConnection.Protocol.SSL
        || protocol == KafkaConnection.Protocol.SASL_SSL;
  }

  /** The {@code KafkaConnection.ENV_*} variables besides the bootstrap servers; none for plaintext. */
  public List<EnvVar> env() {
    List<EnvVar> env = new ArrayList<>();
    if (protocol == KafkaConnection.Protocol.PLAINTEXT) {
      return env; // the programs' default
    }
    env.add(var(KafkaConnection.ENV_SECURITY_PROTOCOL, protocol.name()));
    if (scramUsername != null) {
      env.add(var(KafkaConnection.ENV_SASL_MECHANISM, KafkaConnection.SCRAM_SHA_512));
      env.add(var(KafkaConnection.ENV_SASL_USERNAME, scramUsername));
      env.add(var(KafkaConnection.ENV_SASL_PASSWORD_FILE, file(SCRAM_VOLUME, scramPassword)));
    }
    if (caCertificate != null) {
      env.add(var(KafkaConnection.ENV_TLS_CA_FILE, file(CA_VOLUME, caCertificate)));
    }
    if (keystore != null) {
      env.add(var(KafkaConnection.ENV_TLS_KEYSTORE_FILE, file(USER_VOLUME, keystore)));
      env.add(var(KafkaConnection.ENV_TLS_KEYSTORE_PASSWORD_FILE,
          file(USER_VOLUME, keystorePassword)));
    }
    return env;
  }

  /** The Secret volumes, each with only the keys the programs read. */
  public List<Volume> volumes() {
    List<Volume> volumes = new ArrayList<>();
    secrets().forEach((volume, keys) -> volumes.add(new VolumeBuilder().withName(volume)
        .withNewSecret().withSecretName(keys.get(0).secretName())
        .withItems(keys.stream().map(k -> new KeyToPath(k.key(), null, k.key())).toList())
        .withDefaultMode(SECRET_FILE_MODE)
        .endSecret().build()));
    return volumes;
  }

  /** Their read-only mounts. */
  public List<VolumeMount> mounts() {
    List<VolumeMount> mounts = new ArrayList<>();
    secrets().keySet().forEach(volume -> mounts.add(new VolumeMountBuilder().withName(volume)
        .withMountPath(MOUNT_ROOT + "/" + volume).withReadOnly(true).build()));
    return mounts;
  }

  private Map<String, List<SecretKey>> secrets() {
    Map<String, List<SecretKey>> secrets = new LinkedHashMap<>();
    if (caCertificate != null) {
      secrets.put(CA_VOLUME, List.of(caCertificate));
    }
    if (scramPassword != null) {
      secrets.put(SCRAM_VOLUME, List.of(scramPassword));
    }
    if (keystore != null) {
      secrets.put(USER_VOLUME, keystorePassword.key().equals(keystore.key()) ? List.of(keystore)
          : List.of(keystore, keystorePassword));
    }
    return secrets;
  }

  private static String file(String volume, SecretKey key) {
    return MOUNT_ROOT + "/" + volume + "/" + key.key();
  }

  private static EnvVar var(String name, String value) {
    return new EnvVar(name, value, null);
  }
}
