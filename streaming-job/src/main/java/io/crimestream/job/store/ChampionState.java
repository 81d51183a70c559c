package io.crimestream.job.store;

import io.crimestream.metrics.ChampionEvent;
import java.util.List;

/**
 * What a restart must know of the champion: which model, since when, the frozen version it
 * serves when rolled back, and the events so far.
 */
public record ChampionState(String champion, long since, Integer frozenVersion, List<ChampionEvent> events) {}
