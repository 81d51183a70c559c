package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * TLS to the brokers, as Strimzi's clients configure it ({@code spec.tls} of a KafkaConnect or
 * KafkaMirrorMaker2): the certificates to trust come from Secrets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTls {

  @Size(max = 1)
  @JsonPropertyDescription("The CA certificate to trust, from a Secret; default the cluster CA"
      + " Strimzi publishes: Secret <cluster>-cluster-ca-cert, key ca.crt. An empty list trusts"
      + " the JVM's public authorities instead.")
  private List<CertSecretSource> trustedCertificates;

  public List<CertSecretSource> getTrustedCertificates() {
    return trustedCertificates;
  }

  public void setTrustedCertificates(List<CertSecretSource> trustedCertificates) {
    this.trustedCertificates = trustedCertificates;
  }

  /** A PEM certificate in a Secret of the CrimeStream's namespace (Strimzi's CertSecretSource). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CertSecretSource {
    @Required
    @Pattern(Defaults.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The Secret's name, e.g. my-cluster-cluster-ca-cert.")
    private String secretName;

    @Default(Defaults.CA_CERTIFICATE_KEY)
    @Pattern(Defaults.SECRET_KEY_PATTERN)
    @JsonPropertyDescription("The key holding the PEM certificate; default ca.crt.")
    private String certificate;

    public CertSecretSource() {
    }

    public CertSecretSource(String secretName, String certificate) {
      this.secretName = secretName;
      this.certificate = certificate;
    }

    public String getSecretName() {
      return secretName;
    }

    public void setSecretName(String secretName) {
      this.secretName = secretName;
    }

    public String getCertificate() {
      return certificate;
    }

    public void setCertificate(String certificate) {
      this.certificate = certificate;
    }
  }
}
