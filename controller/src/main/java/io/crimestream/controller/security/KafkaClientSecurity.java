package io.crimestream.controller.security;

import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.api.KafkaAuthentication;
import io.crimestream.controller.api.KafkaSpec;
import io.crimestream.controller.api.KafkaTls;
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
import java.util.regex.Pattern;

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

  private static final Pattern DNS_NAME = Pattern.compile(Defaults.DNS_LABEL_PATTERN);
  private static final Pattern SECRET_KEY = Pattern.compile(Defaults.SECRET_KEY_PATTERN);
  private static final Pattern USERNAME = Pattern.compile("^[^\\s\"\\\\]{1,256}$");

  /** One key of one Secret. */
  public record SecretKey(String secretName, String key) {}

  public static final KafkaClientSecurity PLAINTEXT = new KafkaClientSecurity(
      KafkaConnection.Protocol.PLAINTEXT, null, null, null, null, null);

  /** Resolves {@code spec.kafka.tls} and {@code .authentication}; adds to {@code problems}. */
  public static KafkaClientSecurity of(KafkaSpec kafka, String cluster, List<String> problems) {
    KafkaTls tls = kafka.getTls();
    KafkaAuthentication auth = kafka.getAuthentication();
    SecretKey ca = null;
    if (tls != null) {
      List<KafkaTls.CertSecretSource> trusted = tls.getTrustedCertificates();
      if (trusted == null) {
        ca = new SecretKey(cluster + Defaults.CLUSTER_CA_CERT_SECRET_SUFFIX,
            Defaults.CA_CERTIFICATE_KEY);
      } else if (trusted.size() > 1) {
        problems.add("spec.kafka.tls.trustedCertificates lists " + trusted.size()
            + " certificates: at most one (the cluster CA's) is supported");
      } else if (trusted.size() == 1) {
        KafkaTls.CertSecretSource c = trusted.get(0);
        ca = secretKey(problems, "spec.kafka.tls.trustedCertificates[0]", c.getSecretName(),
            "certificate", c.getCertificate(), Defaults.CA_CERTIFICATE_KEY);
      }
    }
    String user = null;
    SecretKey password = null;
    SecretKey keystore = null;
    SecretKey keystorePassword = null;
    boolean scram = false;
    if (auth != null) {
      String type = auth.getType();
      String at = "spec.kafka.authentication";
      if (KafkaAuthentication.SCRAM_SHA_512.equals(type)) {
        scram = true;
        user = auth.getUsername();
        if (user == null || !USERNAME.matcher(user).matches()) {
          problems.add(at + ".username " + (user == null ? "is missing" : "'" + user
              + "' is not a user name") + ": scram-sha-512 needs the KafkaUser's name");
        }
        if (auth.getPasswordSecret() == null) {
          problems.add(at + ".passwordSecret is missing: scram-sha-512 needs the Secret holding"
              + " the password (the KafkaUser's Secret)");
        } else {
          password = secretKey(problems, at + ".passwordSecret",
              auth.getPasswordSecret().getSecretName(), "password",
              auth.getPasswordSecret().getPassword(), Defaults.SCRAM_PASSWORD_KEY);
        }
        if (auth.getCertificateAndKey() != null) {
          problems.add(at + ".certificateAndKey applies only to type tls");
        }
      } else if (KafkaAuthentication.TLS.equals(type)) {
        if (tls == null) {
          problems.add(at + ".type tls needs spec.kafka.tls: client certificates are sent over"
              + " TLS (set tls: {} to trust the cluster CA)");
        }
        KafkaAuthentication.CertificateAndKey ck = auth.getCertificateAndKey();
        if (ck == null) {
          problems.add(at + ".certificateAndKey is missing: type tls needs the Secret holding the"
              + " client's keystore (the KafkaUser's Secret)");
        } else {
          keystore = secretKey(problems, at + ".certificateAndKey", ck.getSecretName(), "keystore",
              ck.getKeystore(), Defaults.KEYSTORE_KEY);
          keystorePassword = secretKey(problems, at + ".certificateAndKey", ck.getSecretName(),
              "password", ck.getPassword(), Defaults.KEYSTORE_PASSWORD_KEY);
        }
        if (auth.getUsername() != null || auth.getPasswordSecret() != null) {
          problems.add(at + ".username and .passwordSecret apply only to type scram-sha-512");
        }
      } else {
        problems.add(at + ".type " + (type == null ? "is missing" : "'" + type
            + "' is not supported") + ": use scram-sha-512 or tls");
      }
    }
    KafkaConnection.Protocol protocol = tls != null
        ? (scram ? KafkaConnection.Protocol.SASL_SSL : KafkaConnection.Protocol.SSL)
        : (scram ? KafkaConnection.Protocol.SASL_PLAINTEXT : KafkaConnection.Protocol.PLAINTEXT);
    return new KafkaClientSecurity(protocol, user, password, ca, keystore, keystorePassword);
  }

  private static SecretKey secretKey(List<String> problems, String at, String secretName,
                                     String keyField, String key, String defaultKey) {
    if (secretName == null || !DNS_NAME.matcher(secretName).matches()) {
      problems.add(at + ".secretName " + (secretName == null ? "is missing" : "'" + secretName
          + "' is not a Kubernetes name"));
    }
    String k = key != null ? key : defaultKey;
    if (!SECRET_KEY.matcher(k).matches()) {
      problems.add(at + "." + keyField + " '" + k + "' is not a Secret key (letters, digits, '-',"
          + " '_', '.')");
    }
    return new SecretKey(secretName, k);
  }

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
