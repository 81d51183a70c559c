package io.crimestream.job.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crimestream.job.features.ArrestRates;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.job.model.TrainedModel;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.Scores;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.MLWritable;

/**
 * The models the stream trained, kept as versions: {@code <dir>/<model>/<version>/} is Spark ML's
 * own persistence of one fitted model (plain Spark loads it with
 * {@code LogisticRegressionModel.load} and its kin), {@code <dir>/features/batch-N-F.json} the
 * {@link FeatureState} the models of batch N score with, and {@code <dir>/registry.json} the
 * {@link RegistryIndex}. The last {@code keep} versions of each model are kept, the champion's
 * serving and previous versions, and every version a champion event named (a model promoted at
 * that version, a rollback's target): the versions a user may want to go back to. Keeping every
 * version that ever served would keep all of them, since the champion is retrained every batch.
 *
 * <p>Like the job's checkpoint, a version fitted on a batch that did not commit (the driver was
 * killed before Spark's commit) belongs to an attempt that is replayed: {@link #recoverBefore}
 * forgets it, so that no model scores rows it was trained on.
 */
public final class ModelRegistry {

  /** The registry's format; a newer one is refused with what to do. */
  public static final int FORMAT = 1;
  public static final String INDEX = "registry.json";
  static final String FEATURES = "features";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final int keep;
  private final Map<String, List<RegistryIndex.Version>> models = new LinkedHashMap<>();
  private Champion champion;
  private List<ChampionEvent> events = List.of();

  public ModelRegistry(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least 1 version per model, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Reads what is there, forgetting every version fitted on {@code firstBatch} or later (and
   * their files).
   *
   * @throws RegistryFormatException when {@code registry.json} is of a newer format or cannot be read
   */
  public void recoverBefore(long firstBatch) throws IOException {
    Files.createDirectories(dir);
    Optional<RegistryIndex> index = read(dir);
    models.clear();
    if (index.isPresent()) {
      index.get().models().forEach((model, versions) -> models.put(model, new ArrayList<>(versions)));
      champion = index.get().champion();
      events = index.get().events() == null ? List.of() : index.get().events();
    }
    boolean dropped = false;
    for (List<RegistryIndex.Version> versions : models.values()) {
      for (RegistryIndex.Version v : List.copyOf(versions)) {
        if (v.batch() >= firstBatch) {
          versions.remove(v);
          deleteRecursively(dir.resolve(v.path()));
          dropped = true;
        }
      }
    }
    try (Stream<Path> files = Files.exists(dir.resolve(FEATURES)) ? Files.list(dir.resolve(FEATURES)) : Stream.empty()) {
      for (Path f : files.toList()) {
        if (batchOf(f) >= firstBatch) {
          Files.delete(f);
        }
      }
    }
    if (champion != null && !has(champion.model(), champion.version())) {
      champion = null; // it was fitted on the batch being replayed
    }
    if (dropped) {
      write();
    }
  }

  /** The registry in {@code dir} as it is, to read from (nothing is changed). */
  public static ModelRegistry open(Path dir) throws IOException {
    RegistryIndex index = read(dir).orElseThrow(() -> new IOException(dir + " holds no " + INDEX
        + ": name the models folder of a run (the one with registry.json)"));
    ModelRegistry r = new ModelRegistry(dir, Integer.MAX_VALUE);
    index.models().forEach((model, versions) -> r.models.put(model, new ArrayList<>(versions)));
    r.champion = index.champion();
    r.events = index.events() == null ? List.of() : index.events();
    return r;
  }

  /** The registry index in {@code dir}, if there is one. */
  public static Optional<RegistryIndex> read(Path dir) throws IOException {
    Path file = dir.resolve(INDEX);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    RegistryIndex index;
    try {
      index = JSON.readValue(file.toFile(), RegistryIndex.class);
    } catch (JsonProcessingException e) {
      throw new RegistryFormatException(file + ": cannot be read as the model registry's index"
          + " (truncated or corrupted: " + e.getOriginalMessage() + "); the models' folders are"
          + " intact: restore the file from a backup, or start with an empty registry folder", e);
    }
    if (index.format() > FORMAT) {
      throw new RegistryFormatException(file + " is of registry format " + index.format()
          + ", newer than this release reads (" + FORMAT + "): run that release or a newer one on it");
    }
    return Optional.of(index);
  }

  /**
   * Saves the models fitted on {@code batch} ({@code fit} counts the fits of one batch: a batch
   * that brings the last history rows and the first stream rows fits twice), with the feature
   * state they score with; returns the version each got.
   */
  public Map<ModelKind, Integer> save(long batch, int fit, Map<ModelKind, TrainedModel> fitted, FeatureState features,
                                      Map<ModelKind, Scores> heldOut, Map<ModelKind, Double> thresholds,
                                      long rowsTrained, Instant now) throws IOException {
    Map<ModelKind, Integer> versions = new LinkedHashMap<>();
    if (fitted.isEmpty()) {
      return versions;
    }
    String featuresFile = FEATURES + "/" + String.format("batch-%012d-%d.json", batch, fit);
    Path featuresPath = dir.resolve(featuresFile);
    Files.createDirectories(featuresPath.getParent());
    writeAtomically(featuresPath, JSON.writeValueAsBytes(features));
    List<ConcurrentWrites.Write> writes = new ArrayList<>();
    Map<ModelKind, String> paths = new LinkedHashMap<>();
    for (var e : fitted.entrySet()) {
      ModelKind kind = e.getKey();
      int version = latestVersion(kind.id()) + 1;
      String path = kind.id() + "/" + String.format("%06d", version);
      Path target = dir.resolve(path);
      deleteRecursively(target); // a half-written folder of a replayed batch
      MLWritable model = (MLWritable) e.getValue().model();
      writes.add(() -> model.write().overwrite().save(target.toString()));
      paths.put(kind, path);
      versions.put(kind, version);
    }
    ConcurrentWrites.runAll(writes);
    // into the index only once every folder is complete
    versions.forEach((kind, version) -> models.computeIfAbsent(kind.id(), k -> new ArrayList<>())
        .add(new RegistryIndex.Version(version, batch, rowsTrained, now.toString(), thresholds.get(kind),
            heldOut.get(kind), null, RegistryIndex.RETIRED, false, paths.get(kind), featuresFile)));
    return versions;
  }

  /** {@code model}'s {@code version} scored the batch after it was fitted on as {@code scores}. */
  public void recordPrequential(String model, int version, Scores scores) {
    List<RegistryIndex.Version> versions = models.get(model);
    if (versions == null) {
      return;
    }
    versions.replaceAll(v -> v.version() == version ? v.withPrequential(scores) : v);
  }

  /**
   * The champion and the version it would roll back to, and the events; then prunes old
   * versions and writes {@code registry.json}.
   */
  public void recordChampion(Champion now, Integer previousVersion, List<ChampionEvent> allEvents)
      throws IOException {
    this.champion = now;
    this.events = List.copyOf(allEvents);
    Set<String> named = new HashSet<>();
    allEvents.forEach(e -> named.add(e.model() + ":" + e.version()));
    models.forEach((model, versions) -> versions.replaceAll(v -> v.withState(
        now != null && model.equals(now.model()) && v.version() == now.version() ? RegistryIndex.CHAMPION
            : now != null && model.equals(now.model()) && previousVersion != null
                && v.version() == previousVersion ? RegistryIndex.PREVIOUS : RegistryIndex.RETIRED,
        named.contains(model + ":" + v.version()))));
    prune();
    write();
  }

  public Optional<Champion> champion() {
    return Optional.ofNullable(champion);
  }

  public List<RegistryIndex.Version> versions(String model) {
    return List.copyOf(models.getOrDefault(model, List.of()));
  }

  /** The latest saved version of {@code model}, or 0 without one. */
  public int latestVersion(String model) {
    return models.getOrDefault(model, List.of()).stream().mapToInt(RegistryIndex.Version::version)
        .max().orElse(0);
  }

  public Optional<RegistryIndex.Version> version(String model, int version) {
    return models.getOrDefault(model, List.of()).stream().filter(v -> v.version() == version).findFirst();
  }

  private boolean has(String model, int version) {
    return version(model, version).isPresent();
  }

  /** Loads {@code model}'s {@code version}: the Spark model and the features it scores with. */
  public LoadedVersion load(ModelKind kind, int version) throws IOException {
    RegistryIndex.Version v = version(kind.id(), version).orElseThrow(() -> new IOException("the registry in "
        + dir + " has no version " + version + " of " + kind.id() + "; it has "
        + versions(kind.id()).stream().map(RegistryIndex.Version::version).toList()));
    FeatureState features = readFeatures(dir.resolve(v.features()));
    ProbabilisticClassificationModel<Vector, ?> model = sparkLoad(kind, dir.resolve(v.path()).toString());
    ArrestRates rates = features.encoder().featureSet() == FeatureSet.IMPROVED
        ? ArrestRates.restore(features.rates()) : null; // the study's features have no rates
    return new LoadedVersion(kind, v, new TrainedModel(kind, model, ModelFeatures.forScoring(rates), 0), features);
  }

  /** A version read back: its entry, the model, and the feature state it scores with. */
  public record LoadedVersion(ModelKind kind, RegistryIndex.Version entry, TrainedModel model,
                              FeatureState features) {}

  private static FeatureState readFeatures(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), FeatureState.class);
    } catch (JsonProcessingException e) {
      throw new RegistryFormatException(file + ": cannot be read as a saved feature state (truncated or"
          + " corrupted: " + e.getOriginalMessage() + ")", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static ProbabilisticClassificationModel<Vector, ?> sparkLoad(ModelKind kind, String path) {
    return switch (kind) {
      case LOGISTIC_REGRESSION -> LogisticRegressionModel.load(path);
      case DECISION_TREE -> DecisionTreeClassificationModel.load(path);
      case RANDOM_FOREST -> RandomForestClassificationModel.load(path);
      case GRADIENT_BOOSTED_TREES -> GBTClassificationModel.load(path);
    };
  }

  /** Keeps the last {@code keep} versions of each model, the champion's two and the named ones. */
  private void prune() throws IOException {
    Set<String> featuresInUse = new HashSet<>();
    for (List<RegistryIndex.Version> versions : models.values()) {
      int removable = versions.size() - keep;
      for (RegistryIndex.Version v : List.copyOf(versions)) {
        boolean keepIt = removable <= 0 || v.wasChampion() || !RegistryIndex.RETIRED.equals(v.state());
        if (keepIt) {
          featuresInUse.add(v.features());
        } else {
          versions.remove(v);
          deleteRecursively(dir.resolve(v.path()));
          removable--;
        }
      }
    }
    Path featuresDir = dir.resolve(FEATURES);
    if (Files.isDirectory(featuresDir)) {
      try (Stream<Path> files = Files.list(featuresDir)) {
        for (Path f : files.toList()) {
          if (!featuresInUse.contains(FEATURES + "/" + f.getFileName())) {
            Files.delete(f);
          }
        }
      }
    }
  }

  private void write() throws IOException {
    RegistryIndex index = new RegistryIndex(FORMAT, models, champion, events);
    writeAtomically(dir.resolve(INDEX), JSON.writeValueAsBytes(index));
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static long batchOf(Path features) {
    String n = features.getFileName().toString();
    return n.startsWith("batch-") && n.endsWith(".json")
        ? Long.parseLong(n.substring("batch-".length(), "batch-".length() + 12)) : -1;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
