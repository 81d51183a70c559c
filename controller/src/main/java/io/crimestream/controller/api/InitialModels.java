package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A saved model registry to start from (the job's --initial-models): a folder on a
 * PersistentVolumeClaim, mounted read-only into the driver pod, for example the {@code models}
 * folder another CrimeStream's driver left on its checkpoint claim.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InitialModels {

  /**
   * A part of a path other than {@code .} and {@code ..}: written without lookahead, which the
   * API server's regular expressions (RE2) do not have.
   */
  private static final String PART = "([^/.][^/]*|\\.[^/.][^/]*|\\.\\.[^/]+)";
  /** A relative path with no empty, {@code .} or {@code ..} part. */
  public static final String PATH_PATTERN = "^" + PART + "(/" + PART + ")*$";

  @Required
  @JsonPropertyDescription("The claim holding the registry; it is mounted read-only.")
  private String claimName;

  @Required
  @Pattern(PATH_PATTERN)
  @JsonPropertyDescription("The registry's folder (the one holding registry.json) relative to the"
      + " volume's root, e.g. crimestream-2016/models.")
  private String path;

  public String getClaimName() {
    return claimName;
  }

  public void setClaimName(String claimName) {
    this.claimName = claimName;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
