package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the producers and the streaming job authenticate to Kafka, named as Strimzi's
 * {@code KafkaClientAuthentication}: {@code scram-sha-512} with a user name and the password from
 * a Secret, or {@code tls} with a client certificate from a Secret. A {@code KafkaUser}'s Secret
 * (same name as the user) holds both. The controller only names the Secrets; the kubelet mounts
 * them read-only into the pods, and no credential is ever copied into the pods' specs, a
 * ConfigMap or the CrimeStream's status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'scram-sha-512' || (has(self.username)"
    + " && has(self.passwordSecret) && !has(self.certificateAndKey))",
    message = "scram-sha-512 takes username and passwordSecret (and no certificateAndKey)")
@ValidationRule(value = "self.type != 'tls' || (has(self.certificateAndKey)"
    + " && !has(self.username) && !has(self.passwordSecret))",
    message = "tls takes certificateAndKey (and no username or passwordSecret)")
public class KafkaAuthentication {

  public static final String SCRAM_SHA_512 = "scram-sha-512";
  public static final String TLS = "tls";

  @Required
  @Pattern("^(scram-sha-512|tls)$")
  @JsonPropertyDescription("scram-sha-512 (username and passwordSecret) or tls (certificateAndKey;"
      + " needs spec.kafka.tls).")
  private String type;

  @Pattern("^[^\\s\"\\\\]{1,256}$")
  @JsonPropertyDescription("scram-sha-512: the user name, the KafkaUser's name.")
  private String username;

  @JsonPropertyDescription("scram-sha-512: the Secret and key holding the password (a KafkaUser's"
      + " Secret: key password).")
  private PasswordSecret passwordSecret;

  @JsonPropertyDescription("tls: the Secret holding the client's PKCS#12 keystore and its password"
      + " (a KafkaUser's Secret: keys user.p12 and user.password).")
  private CertificateAndKey certificateAndKey;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public PasswordSecret getPasswordSecret() {
    return passwordSecret;
  }

  public void setPasswordSecret(PasswordSecret passwordSecret) {
    this.passwordSecret = passwordSecret;
  }

  public CertificateAndKey getCertificateAndKey() {
    return certificateAndKey;
  }

  public void setCertificateAndKey(CertificateAndKey certificateAndKey) {
    this.certificateAndKey = certificateAndKey;
  }

  /** A password in a Secret of the CrimeStream's namespace (Strimzi's PasswordSecretSource). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PasswordSecret {
    @Required
    @Pattern(Defaults.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The Secret's name, e.g. the KafkaUser's name.")
    private String secretName;

    @Default(Defaults.SCRAM_PASSWORD_KEY)
    @Pattern(Defaults.SECRET_KEY_PATTERN)
    @JsonPropertyDescription("The key holding the password; default password.")
    private String password;

    public PasswordSecret() {
    }

    public PasswordSecret(String secretName, String password) {
      this.secretName = secretName;
      this.password = password;
    }

    public String getSecretName() {
      return secretName;
    }

    public void setSecretName(String secretName) {
      this.secretName = secretName;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /**
   * A client certificate and key in a Secret of the CrimeStream's namespace, as the PKCS#12
   * keystore and password a KafkaUser's Secret carries beside the PEM files (so that the private
   * key reaches the Kafka client as a file, never as a setting's value).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CertificateAndKey {
    @Required
    @Pattern(Defaults.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The Secret's name, e.g. the KafkaUser's name.")
    private String secretName;

    @Default(Defaults.KEYSTORE_KEY)
    @Pattern(Defaults.SECRET_KEY_PATTERN)
    @JsonPropertyDescription("The key holding the PKCS#12 keystore; default user.p12.")
    private String keystore;

    @Default(Defaults.KEYSTORE_PASSWORD_KEY)
    @Pattern(Defaults.SECRET_KEY_PATTERN)
    @JsonPropertyDescription("The key holding the keystore's password; default user.password.")
    private String password;

    public CertificateAndKey() {
    }

    public CertificateAndKey(String secretName, String keystore, String password) {
      this.secretName = secretName;
      this.keystore = keystore;
      this.password = password;
    }

    public String getSecretName() {
      return secretName;
    }

    public void setSecretName(String secretName) {
      this.secretName = secretName;
    }

    public String getKeystore() {
      return keystore;
    }

    public void setKeystore(String keystore) {
      this.keystore = keystore;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }
}
