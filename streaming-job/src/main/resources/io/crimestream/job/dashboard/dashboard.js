/*
 * CrimeStream's dashboard: draws the job's metrics report with uPlot. Served by the job, it polls
 * api/dashboard for the batches after the last one it has and redraws without a reload; in
 * report.html the same script reads a finished run's data from the page itself. Every value from
 * the report goes onto the page as textContent or as chart data, never as HTML: crime
 * descriptions are free text from the city.
 */
(function () {
  'use strict';

  const POLL_MILLIS = 2000;
  /** The job keeps the first batch and the most recent 2,000; so does the page. */
  const MAX_BATCHES = 2001;
  /** Distinct on white and for the common colour-vision deficiencies (Okabe-Ito), as the PNG charts. */
  const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
  const DRIFT_COLOR = '#8a8f98';
  const METRICS = [
    { key: 'areaUnderROC', label: 'AUC-ROC' },
    { key: 'areaUnderPR', label: 'AUC-PR' },
    { key: 'accuracy', label: 'accuracy' },
    { key: 'f1', label: 'F1' },
    { key: 'precision', label: 'precision' },
    { key: 'recall', label: 'recall' },
  ];
  const SCOPES = [
    { key: 'prequentialCumulative', label: 'prequential, cumulative' },
    { key: 'prequential', label: 'prequential, this batch' },
    { key: 'heldOut', label: 'held out' },
  ];
  /** The study's per-model graph (the PNG charts' series), and the batch's own prequential AUC. */
  const MODEL_SERIES = [
    { scope: 'heldOut', metric: 'accuracy', label: 'accuracy (held out)' },
    { scope: 'heldOut', metric: 'areaUnderROC', label: 'AUC-ROC (held out)' },
    { scope: 'heldOut', metric: 'areaUnderPR', label: 'AUC-PR (held out)' },
    { scope: 'heldOut', metric: 'f1', label: 'F1 (held out)' },
    { scope: 'prequentialCumulative', metric: 'areaUnderROC', label: 'AUC-ROC (prequential, cumulative)' },
    { scope: 'prequentialCumulative', metric: 'accuracy', label: 'accuracy (prequential, cumulative)' },
    { scope: 'prequential', metric: 'areaUnderROC', label: 'AUC-ROC (prequential, this batch)' },
  ];
  const STAGES = ['accumulate', 'score', 'train', 'evaluate', 'save'];
  /** Batches are whole numbers: the x axis ticks only at those. */
  const BATCH_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
  const STAGE_COLORS = ['#56B4E9', '#E69F00', '#0072B2', '#009E73', '#CC79A7'];

  const state = {
    live: false,
    instance: null,
    report: null,
    batches: [],
    predictions: [],
    generated: null,
    lastNews: null,
  };
  const charts = {};

  // ---- small helpers: every text goes in through textContent ----------------------------------

  function byId(id) {
    const e = document.getElementById(id);
    if (!e) {
      throw new Error('the page has no element #' + id);
    }
    return e;
  }

  function cell(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function setText(id, text) {
    byId(id).textContent = text === undefined || text === null ? '' : String(text);
  }

  function finite(v) {
    return typeof v === 'number' && isFinite(v) ? v : null;
  }

  function fmt(v, digits) {
    const f = finite(v);
    return f === null ? '–' : f.toFixed(digits === undefined ? 3 : digits);
  }

  function count(v) {
    const f = finite(v);
    return f === null ? '–' : Math.round(f).toLocaleString('en-US');
  }

  function sum(obj) {
    let total = 0;
    Object.keys(obj || {}).forEach((k) => { total += finite(obj[k]) || 0; });
    return total;
  }

  /** A model's figure after a batch: held-out figures sit on the model, prequential ones below it. */
  function figure(modelMetrics, scope, metric) {
    if (!modelMetrics) {
      return null;
    }
    const scores = scope === 'heldOut' ? modelMetrics : modelMetrics[scope];
    return scores ? finite(scores[metric]) : null;
  }

  /** Model names in the order the report first lists them, so that colours stay put. */
  function models() {
    const names = [];
    state.batches.forEach((b) => {
      Object.keys(b.models || {}).forEach((m) => {
        if (names.indexOf(m) < 0) {
          names.push(m);
        }
      });
    });
    return names;
  }

  function colorOf(model) {
    const i = models().indexOf(model);
    return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
  }

  function driftBatches() {
    return state.batches
      .filter((b) => Object.keys(b.drift || {}).some((d) => b.drift[d] && b.drift[d].detected))
      .map((b) => b.batch);
  }

  // ---- pickers ------------------------------------------------------------------------------------

  function fillPicker(id, options, keep) {
    const select = byId(id);
    const previous = keep && select.value ? select.value : null;
    const wanted = options.map((o) => o.key).join('\n');
    if (select.dataset.options !== wanted) {
      select.replaceChildren(...options.map((o) => {
        const opt = cell('option', o.label);
        opt.value = o.key;
        return opt;
      }));
      select.dataset.options = wanted;
    }
    if (previous && options.some((o) => o.key === previous)) {
      select.value = previous;
    }
  }

  function initPickers() {
    fillPicker('metric-picker', METRICS, false);
    fillPicker('scope-picker', SCOPES, false);
    ['model-picker', 'metric-picker', 'scope-picker'].forEach((id) => {
      byId(id).addEventListener('change', () => renderCharts(true));
    });
  }

  // ---- charts -------------------------------------------------------------------------------------

  function width(container) {
    return Math.max(320, Math.floor(container.clientWidth || container.parentNode.clientWidth || 800));
  }

  /** Dashed vertical lines at the batches where a drift detector found a change. */
  function driftMarks() {
    return {
      hooks: {
        draw: [(u) => {
          const ctx = u.ctx;
          const left = u.bbox.left;
          const right = u.bbox.left + u.bbox.width;
          ctx.save();
          ctx.strokeStyle = DRIFT_COLOR;
          ctx.lineWidth = Math.max(1, Math.round(window.devicePixelRatio || 1));
          ctx.setLineDash([6, 4]);
          driftBatches().forEach((batch) => {
            const x = Math.round(u.valToPos(batch, 'x', true));
            if (x >= left && x <= right) {
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
          });
          ctx.restore();
        }],
      },
    };
  }

  function batchAxis() {
    return { label: 'batch', stroke: '#1b1f24', grid: { stroke: '#eceff2' }, incrs: BATCH_TICKS,
      values: (u, ticks) => ticks.map((t) => String(t)) };
  }

  /** A metric's axis: padded around the data, within [0, 1]. */
  function unitRange(u, min, max) {
    if (min === null || max === null) {
      return [0, 1];
    }
    const pad = Math.max(0.02, (max - min) * 0.08);
    return [Math.max(0, Math.floor((min - pad) * 50) / 50), Math.min(1, Math.ceil((max + pad) * 50) / 50)];
  }

  function lineOptions(container, title, series, yLabel) {
    return {
      title: title,
      width: width(container),
      height: 320,
      scales: { x: { time: false }, y: { range: unitRange } },
      axes: [
        batchAxis(),
        { label: yLabel, stroke: '#1b1f24', grid: { stroke: '#eceff2' }, size: 60 },
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      series: [{ label: 'batch', value: (u, v) => (v === null || v === undefined ? '–' : String(v)) }].concat(
        series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          spanGaps: true,
          points: { size: 5 },
          value: (u, v) => fmt(v),
        }))),
      plugins: [driftMarks()],
    };
  }

  /** Draws (or updates) one chart; rebuilt when what it shows changed, else given the new data. */
  function draw(key, containerId, signature, makeOptions, data) {
    const container = byId(containerId);
    const existing = charts[key];
    if (state.batches.length === 0) {
      if (existing) {
        existing.plot.destroy();
        delete charts[key];
      }
      container.replaceChildren(cell('p', 'No batch has been trained yet.', 'empty'));
      return;
    }
    if (existing && existing.signature === signature) {
      existing.plot.setData(data);
      return;
    }
    if (existing) {
      existing.plot.destroy();
    }
    container.replaceChildren();
    const plot = new uPlot(makeOptions(container), data, container);
    charts[key] = { plot: plot, signature: signature, container: container };
  }

  function xs() {
    return state.batches.map((b) => b.batch);
  }

  function renderModelChart() {
    const names = models();
    fillPicker('model-picker', names.map((m) => ({ key: m, label: m })), true);
    const model = byId('model-picker').value || names[0];
    const data = [xs()].concat(MODEL_SERIES.map((s) =>
      state.batches.map((b) => figure((b.models || {})[model], s.scope, s.metric))));
    const series = MODEL_SERIES.map((s, i) => ({ label: s.label, color: PALETTE[i % PALETTE.length] }));
    draw('model', 'model-chart', 'model:' + model,
      (c) => lineOptions(c, model + ': held-out and prequential figures', series, 'figure'), data);
  }

  function renderCompareChart() {
    const names = models();
    const metric = METRICS.find((m) => m.key === byId('metric-picker').value) || METRICS[0];
    const scope = SCOPES.find((s) => s.key === byId('scope-picker').value) || SCOPES[0];
    const data = [xs()].concat(names.map((m) =>
      state.batches.map((b) => figure((b.models || {})[m], scope.key, metric.key))));
    const series = names.map((m) => ({ label: m, color: colorOf(m) }));
    draw('compare', 'compare-chart', ['compare', metric.key, scope.key].concat(names).join(':'),
      (c) => lineOptions(c, metric.label + ' (' + scope.label + ') by model', series, metric.label), data);
  }

  function renderCycleChart() {
    const stages = STAGES.filter((s) => state.batches.some((b) => b.stageMillis && finite(b.stageMillis[s]) !== null));
    const raw = stages.map((s) => state.batches.map((b) => (b.stageMillis ? finite(b.stageMillis[s]) || 0 : 0)));
    // stacked: each stage's bar reaches the sum of the stages up to it; the tallest is drawn first
    const stacked = raw.map((_, i) => state.batches.map((b, j) => {
      let total = 0;
      for (let k = 0; k <= i; k++) {
        total += raw[k][j];
      }
      return total;
    }));
    const order = stages.map((_, i) => i).reverse();
    const data = [xs()].concat(order.map((i) => stacked[i]))
      .concat([state.batches.map((b) => finite(b.cycleMillis))]);
    const bars = uPlot.paths.bars({ size: [0.7, 40] });
    const makeOptions = (c) => ({
      title: 'Cycle time per batch (ms), split by stage',
      width: width(c),
      height: 280,
      // half a batch either side, so that the first and last bars show whole
      scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] },
        y: { range: (u, min, max) => [0, Math.max(1, max || 0) * 1.08] } },
      axes: [
        batchAxis(),
        { label: 'ms', stroke: '#1b1f24', grid: { stroke: '#eceff2' }, size: 60 },
      ],
      series: [{ label: 'batch', value: (u, v) => (v === null || v === undefined ? '–' : String(v)) }]
        .concat(order.map((i) => ({
          label: stages[i],
          stroke: STAGE_COLORS[STAGES.indexOf(stages[i])],
          fill: STAGE_COLORS[STAGES.indexOf(stages[i])],
          width: 1,
          paths: bars,
          points: { show: false },
          // the legend tells the stage's own time, not the stacked height
          value: (u, v, si, idx) => (idx === null || idx === undefined ? '–' : count(raw[i][idx])),
        })))
        .concat([{ label: 'whole cycle', stroke: '#1b1f24', width: 1.5, dash: [4, 3], spanGaps: true,
          points: { size: 4 }, value: (u, v) => count(v) }]),
      plugins: [driftMarks()],
    });
    draw('cycle', 'cycle-chart', 'cycle:' + stages.join(','), makeOptions, data);
  }

  function renderCharts(force) {
    if (force) {
      Object.keys(charts).forEach((k) => { charts[k].signature = null; });
    }
    renderModelChart();
    renderCompareChart();
    renderCycleChart();
  }

  // ---- figures and tables -------------------------------------------------------------------------

  function renderTiles() {
    const r = state.report || {};
    const s = r.summary || {};
    const last = state.batches.length ? state.batches[state.batches.length - 1] : null;
    setText('title', (state.live ? 'CrimeStream: ' : 'CrimeStream report: ') + (r.topic || '') + ' '
      + (r.months || []).join(', '));
    document.title = byId('title').textContent;
    setText('subtitle', [
      r.featureSet ? r.featureSet + ' features' : null,
      r.trainingWindow ? 'training window ' + r.trainingWindow : null,
      models().length ? 'models ' + models().join(', ') : null,
    ].filter((x) => x).join(' · '));
    setText('batch-count', finite(s.batches) !== null ? s.batches : state.batches.length);
    setText('batch-note', last ? 'latest: batch ' + last.batch + (r.batchesOmitted ? ', ' + count(r.batchesOmitted)
      + ' older ones not kept' : '') : 'waiting for the first batch');
    setText('rows-total', count(finite(s.rowsTotal) !== null ? s.rowsTotal : last && last.rowsTotal));
    setText('rows-note', last ? count(last.rowsTraining) + ' in the training window; ' + count(last.rowsInBatch)
      + ' new in the latest batch' + (r.rowsHistory ? '; ' + count(r.rowsHistory) + ' history' : '') : '');
    const champion = r.champion || s.champion;
    setText('champion', champion ? champion.model + ' v' + champion.version : 'none yet');
    setText('champion-note', champion ? 'since batch ' + champion.since + (champion.rolledBack
      ? '; rolled back: its latest version did worse' : '') : '');
    setText('rejected-total', count(sum(r.rowsRejected)));
    setText('rejected-note', r.rowsExcluded ? count(r.rowsExcluded) + ' left out on purpose' : '');
    const p = r.predictions || {};
    setText('predictions-published', count(p.published || 0));
    setText('predictions-note', p.withoutModel ? count(p.withoutModel) + ' before any model existed' : '');
    const detections = (r.drift && r.drift.detections) || {};
    setText('drift-total', count(sum(detections)));
    setText('drift-note', Object.keys(detections).filter((d) => detections[d] > 0)
      .map((d) => d + ' ' + detections[d]).join(', '));
  }

  function fillTable(id, rows, emptyText, columns) {
    const body = byId(id).querySelector('tbody');
    if (rows.length === 0) {
      const td = cell('td', emptyText, 'none');
      td.colSpan = columns;
      const tr = document.createElement('tr');
      tr.appendChild(td);
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...rows);
  }

  function row(cells, className) {
    const tr = document.createElement('tr');
    if (className) {
      tr.className = className;
    }
    cells.forEach((c) => tr.appendChild(c));
    return tr;
  }

  function renderTables() {
    const r = state.report || {};
    const rejected = r.rowsRejected || {};
    fillTable('rejected', Object.keys(rejected).sort((a, b) => rejected[b] - rejected[a] || (a < b ? -1 : 1))
      .map((reason) => row([cell('td', reason), cell('td', count(rejected[reason]), 'num')])),
    'none rejected', 2);

    const events = ((r.drift && r.drift.events) || []).slice().reverse();
    fillTable('drift-events', events.map((e) => row([cell('td', e.batch, 'num'), cell('td', e.detector),
      cell('td', count(e.changePoint), 'num'), cell('td', e.action === 'window_reset'
        ? 'training window restarted at the change' : 'reported')])), 'no change detected', 4);

    const champion = (r.championEvents || []).slice().reverse();
    fillTable('champion-events', champion.map((e) => row([cell('td', e.batch, 'num'),
      cell('td', String(e.type || '').replace('_', ' ')),
      cell('td', e.model + ' v' + e.version + (e.fromModel ? ' (was ' + e.fromModel + ' v' + e.fromVersion + ')'
        : e.fromVersion !== undefined && e.fromVersion !== null ? ' (was v' + e.fromVersion + ')' : '')),
      cell('td', e.reason)])), 'no promotion or rollback yet', 4);

    fillTable('predictions', state.predictions.map((rp) => {
      const p = rp.prediction || {};
      const incident = [rp.primaryType, rp.description].filter((x) => x).join(': ');
      const hasOutcome = rp.arrest === true || rp.arrest === false;
      const hasPrediction = p.predictedArrest === true || p.predictedArrest === false;
      const className = hasOutcome && hasPrediction ? (rp.arrest === p.predictedArrest ? 'hit' : 'miss') : null;
      return row([
        cell('td', p.batch === undefined ? '–' : p.batch, 'num'),
        cell('td', p.id),
        cell('td', p.date),
        cell('td', incident || '–'),
        cell('td', fmt(p.probability), 'num'),
        cell('td', hasPrediction ? (p.predictedArrest ? 'arrest' : 'no arrest') : 'no model yet'),
        cell('td', hasOutcome ? (rp.arrest ? 'arrest' : 'no arrest') : '–', 'outcome'),
        cell('td', p.model ? p.model + ' v' + p.modelVersion : '–'),
      ], className);
    }), state.live ? 'none yet' : 'no predictions were kept for this run', 8);
  }

  function render() {
    renderTiles();
    renderCharts(false);
    renderTables();
  }

  function setStatus(text, error) {
    const s = byId('status');
    s.textContent = text;
    s.classList.toggle('error', !!error);
  }

  // ---- data: live (polling the job) or inline (report.html) ------------------------------------------

  /** Takes an answer of api/dashboard (or the inline data) in; redraws only when it brings news. */
  function accept(data) {
    const report = data.report || {};
    const incoming = report.batches || [];
    const news = JSON.stringify([data.after, report, data.predictions]);
    if (data.after >= 0 && incoming.length === 0 && news === state.lastNews) {
      return; // nothing new: leave the page as it is (a selection, a hovered point)
    }
    state.lastNews = news;
    if (data.after < 0) {
      state.batches = incoming.slice();
    } else {
      const last = state.batches.length ? state.batches[state.batches.length - 1].batch : -1;
      state.batches = state.batches.concat(incoming.filter((b) => b.batch > last));
    }
    if (state.batches.length > MAX_BATCHES) {
      state.batches = [state.batches[0]].concat(state.batches.slice(state.batches.length - (MAX_BATCHES - 1)));
    }
    state.report = report;
    state.predictions = data.predictions || [];
    state.generated = data.generated;
    render();
  }

  function lastBatch() {
    return state.batches.length ? state.batches[state.batches.length - 1].batch : -1;
  }

  async function poll() {
    try {
      // a job that restarted is another instance: its history is fetched whole again
      const response = await fetch('api/dashboard?after=' + (state.instance ? lastBatch() : -1),
        { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status + ': ' + (await response.text()).slice(0, 200));
      }
      const data = await response.json();
      if (state.instance && data.instance !== state.instance && data.after >= 0) {
        state.instance = null;
        state.batches = [];
        setTimeout(poll, 0);
        return;
      }
      state.instance = data.instance;
      accept(data);
      setStatus('live: updated ' + new Date().toLocaleTimeString() + ', every ' + POLL_MILLIS / 1000 + ' s', false);
    } catch (e) {
      setStatus('cannot reach the job (' + e.message + '); showing what it last sent, retrying', true);
    }
    setTimeout(poll, POLL_MILLIS);
  }

  function start() {
    initPickers();
    const inline = document.getElementById('crimestream-data');
    if (inline) {
      state.live = false;
      accept(JSON.parse(inline.textContent));
      setStatus('a finished run' + (state.generated ? ', written ' + state.generated : ''), false);
      setText('footer-note', 'report.html: the run\'s data and scripts, uPlot\'s included, are in this file;'
        + ' it makes no connection.');
    } else {
      state.live = true;
      setText('footer-note', 'Served by the job, read-only, with uPlot from the job itself; the page asks the job only.');
      poll();
    }
    let resizing = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => {
        Object.keys(charts).forEach((k) => {
          const c = charts[k];
          c.plot.setSize({ width: width(c.container), height: c.plot.height });
        });
      }, 150);
    });
  }

  start();
}());
