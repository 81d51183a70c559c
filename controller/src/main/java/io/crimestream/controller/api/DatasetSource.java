package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the producers read crime reports: exactly one of the fields is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = DatasetSource.EXACTLY_ONE_RULE,
    message = "set exactly one of url, hostPath, configMap, persistentVolumeClaim or cityApi")
public class DatasetSource {

  static final String EXACTLY_ONE_RULE = "[has(self.url), has(self.hostPath), has(self.configMap),"
      + " has(self.persistentVolumeClaim), has(self.cityApi) && self.cityApi].exists_one(x, x)";

  @Pattern("^https?://.+")
  @JsonPropertyDescription("An http(s) URL of a CSV export of the city's crimes dataset.")
  private String url;

  @JsonPropertyDescription("A CSV export on the node's file system (e.g. a kind extraMount).")
  private HostPathFile hostPath;

  @JsonPropertyDescription("A CSV export held in a ConfigMap key (small exports only: a ConfigMap"
      + " holds at most 1 MiB).")
  private ConfigMapFile configMap;

  @JsonPropertyDescription("A CSV export on a PersistentVolumeClaim.")
  private ClaimFile persistentVolumeClaim;

  @JsonPropertyDescription("Read the months from the city's open-data API instead of a file.")
  private Boolean cityApi;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public HostPathFile getHostPath() {
    return hostPath;
  }

  public void setHostPath(HostPathFile hostPath) {
    this.hostPath = hostPath;
  }

  public ConfigMapFile getConfigMap() {
    return configMap;
  }

  public void setConfigMap(ConfigMapFile configMap) {
    this.configMap = configMap;
  }

  public ClaimFile getPersistentVolumeClaim() {
    return persistentVolumeClaim;
  }

  public void setPersistentVolumeClaim(ClaimFile persistentVolumeClaim) {
    this.persistentVolumeClaim = persistentVolumeClaim;
  }

  public Boolean getCityApi() {
    return cityApi;
  }

  public void setCityApi(Boolean cityApi) {
    this.cityApi = cityApi;
  }

  /**
   * A file on the node. Its folder becomes a hostPath volume, which Kubernetes refuses when the
   * path has a {@code ..} element: the schema refuses it first, naming the field.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = HostPathFile.NO_BACKSTEP_RULE,
      message = "path must not contain a '..' element (Kubernetes refuses such a hostPath):"
          + " write the file's path without it, e.g. /data/chicago/crimes.csv")
  public static class HostPathFile {
    static final String NO_BACKSTEP_RULE = "!self.path.matches('(^|/)[.][.](/|$)')";

    @Required
    @Pattern("^/.*[^/]$")
    @JsonPropertyDescription("The absolute path of the CSV file on the node.")
    private String path;

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }

  /** A key of a ConfigMap in the CrimeStream's namespace. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConfigMapFile {
    @Required
    @JsonPropertyDescription("The ConfigMap's name.")
    private String name;
    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("The key that holds the CSV.")
    private String key;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }
  }

  /** A file on a PersistentVolumeClaim in the CrimeStream's namespace. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ClaimFile {
    @Required
    @JsonPropertyDescription("The claim's name.")
    private String claimName;
    @Required
    @Pattern("^[^/].*[^/]$|^[^/]$")
    @JsonPropertyDescription("The CSV file's path relative to the volume's root.")
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
}
