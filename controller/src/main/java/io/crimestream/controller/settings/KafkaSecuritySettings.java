package io.crimestream.controller.settings;

import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.api.KafkaAuthentication;
import io.crimestream.controller.api.KafkaSpec;
import io.crimestream.controller.api.KafkaTls;
import io.crimestream.controller.security.KafkaClientSecurity;
import io.crimestream.kafka.KafkaConnection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code spec.kafka.tls} and {@code spec.kafka.authentication}, checked and resolved to the
 * protocol and the Secret keys the pods mount ({@link KafkaClientSecurity}). The Secrets are
 * named, never read: their keys default to Strimzi's.
 */
final class KafkaSecuritySettings {

  private static final Pattern DNS_NAME = Pattern.compile(Defaults.DNS_LABEL_PATTERN);
  private static final Pattern SECRET_KEY = Pattern.compile(Defaults.SECRET_KEY_PATTERN);
  private static final Pattern USERNAME = Pattern.compile("^[^\\s\"\\\\]{1,256}$");

  private KafkaSecuritySettings() {}

  /** Resolves {@code spec.kafka.tls} and {@code .authentication}; adds to {@code problems}. */
  static KafkaClientSecurity of(KafkaSpec kafka, String cluster, SpecProblems problems) {
    KafkaTls tls = kafka.getTls();
    KafkaAuthentication auth = kafka.getAuthentication();
    KafkaClientSecurity.SecretKey ca = null;
    if (tls != null) {
      List<KafkaTls.CertSecretSource> trusted = tls.getTrustedCertificates();
      if (trusted == null) {
        ca = new KafkaClientSecurity.SecretKey(cluster + Defaults.CLUSTER_CA_CERT_SECRET_SUFFIX,
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
    KafkaClientSecurity.SecretKey password = null;
    KafkaClientSecurity.SecretKey keystore = null;
    KafkaClientSecurity.SecretKey keystorePassword = null;
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

  private static KafkaClientSecurity.SecretKey secretKey(SpecProblems problems, String at, String secretName,
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
    return new KafkaClientSecurity.SecretKey(secretName, k);
  }
}
