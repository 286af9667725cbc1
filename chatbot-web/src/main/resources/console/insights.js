/*
 * Agent console, ADMIN views: insights (charts drawn as inline SVG with createElementNS, no library) and unmet
 * needs (groups of messages no intent covers, each with a form that turns it into a new intent). Every text is
 * set with textContent. Changes send the CSRF token from /api/v1/console/me in its header.
 */
(function () {
  'use strict';
  var API = '/api/v1/console';
  var SVG = 'http://www.w3.org/2000/svg';
  var csrf = null;
  var loaded = { insights: false, unmet: false };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function percent(x) { return x === null || x === undefined ? 'n/a' : (Math.round(x * 1000) / 10) + '%'; }
  function number(x, digits) { return x === null || x === undefined ? '\u2013' : Number(x).toFixed(digits); }
  function words(code) { return code.replace(/_/g, ' ').toLowerCase(); }

  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (csrf && method !== 'GET') { headers[csrf.headerName] = csrf.token; }
    return fetch(API + path, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (json) {
          if (!r.ok) { var err = new Error(json.message || ('HTTP ' + r.status)); err.status = r.status; throw err; }
          return json;
        });
      });
  }

  /* ---- charts ---- */

  /** A ring showing a rate (0..1, or null for "nothing to measure"). */
  function ring(rate, label) {
    var r = 42, c = 2 * Math.PI * r;
    var s = svg('svg', { viewBox: '0 0 120 120', width: 120, height: 120, role: 'img', 'class': 'ring',
      'aria-label': label + ': ' + percent(rate) });
    s.appendChild(svg('title', {}, label + ': ' + percent(rate)));
    s.appendChild(svg('circle', { cx: 60, cy: 60, r: r, fill: 'none', stroke: '#e4e8f0', 'stroke-width': 14 }));
    if (rate !== null && rate !== undefined) {
      s.appendChild(svg('circle', { cx: 60, cy: 60, r: r, fill: 'none', stroke: '#2454d6', 'stroke-width': 14,
        'stroke-dasharray': (c * rate) + ' ' + c, transform: 'rotate(-90 60 60)', 'class': 'ring-value' }));
    }
    s.appendChild(svg('text', { x: 60, y: 66, 'text-anchor': 'middle', 'font-size': 18, 'font-weight': 600,
      fill: '#1d2330' }, percent(rate)));
    return s;
  }

  /** A horizontal bar chart of [{label, value}]. */
  function bars(items, label, color) {
    var row = 26, left = 190, width = 620, barMax = width - left - 50;
    var max = items.reduce(function (m, i) { return Math.max(m, i.value); }, 0);
    var height = Math.max(1, items.length) * row + 6;
    var summary = label + ': ' + (items.length ? items.map(function (i) { return i.label + ' ' + i.value; }).join(', ') : 'none');
    var s = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'class': 'bars',
      'aria-label': summary, preserveAspectRatio: 'xMinYMin meet' });
    s.appendChild(svg('title', {}, summary));
    if (!items.length) {
      s.appendChild(svg('text', { x: 0, y: 18, fill: '#5b6475', 'font-size': 14 }, 'Nothing in this period.'));
      return s;
    }
    items.forEach(function (item, n) {
      var y = n * row + 4;
      var w = max ? Math.max(item.value ? 2 : 0, barMax * item.value / max) : 0;
      s.appendChild(svg('text', { x: left - 8, y: y + 15, 'text-anchor': 'end', 'font-size': 13, fill: '#1d2330' },
        item.label.length > 26 ? item.label.slice(0, 25) + '\u2026' : item.label));
      s.appendChild(svg('rect', { x: left, y: y, width: w, height: row - 8, rx: 3, fill: color, 'class': 'bar',
        'data-label': item.label, 'data-value': item.value }));
      s.appendChild(svg('text', { x: left + w + 6, y: y + 15, 'font-size': 13, fill: '#1d2330' }, item.value));
    });
    return s;
  }

  var COLORS = ['#2454d6', '#c26a00', '#1b8a5a', '#b3261e', '#7a4cc2', '#0a7d8c', '#8a6d00', '#5b6475'];

  function shown(value, unit) {
    if (value === null || value === undefined) { return '\u2013'; }
    if (unit === 'share') { return percent(value); }
    if (unit === 'count') { return String(value); }
    return number(value, unit === 'score' ? 2 : 0);
  }

  /**
   * A line chart of one trend: a solid line per series for this period and a dashed one for the previous period,
   * bucket by bucket. Each point is a circle carrying its series, bucket and value, so what is drawn can be read back.
   */
  function trendChart(chart) {
    var width = 620, height = 220, left = 56, right = 12, top = 12, bottom = 34;
    var n = chart.points.length;
    var max = chart.unit === 'share' ? 1 : 0;
    chart.points.forEach(function (p) {
      p.current.concat(p.previous).forEach(function (v) { if (v !== null && v > max) { max = v; } });
    });
    if (max === 0) { max = 1; }
    var x = function (i) { return left + (n <= 1 ? (width - left - right) / 2 : i * (width - left - right) / (n - 1)); };
    var y = function (v) { return top + (height - top - bottom) * (1 - v / max); };
    var summary = chart.title + ', ' + chart.series.map(function (s, k) {
      return words(s) + ': ' + chart.points.map(function (p) { return shown(p.current[k], chart.unit); }).join(', ');
    }).join('; ');
    var s = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'class': 'trend',
      'aria-label': summary, preserveAspectRatio: 'xMinYMin meet', 'data-chart': chart.name });
    s.appendChild(svg('title', {}, summary));
    [0, 0.5, 1].forEach(function (f) {
      var v = max * f;
      s.appendChild(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: '#e4e8f0' }));
      s.appendChild(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5b6475' },
        shown(chart.unit === 'count' ? Math.round(v) : v, chart.unit)));
    });
    var step = Math.max(1, Math.ceil(n / 8));
    chart.points.forEach(function (p, i) {
      if (i % step === 0 || i === n - 1) {
        s.appendChild(svg('text', { x: x(i), y: height - 12, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6475' },
          p.start.slice(5, 10)));
      }
    });
    chart.series.forEach(function (name, k) {
      var color = COLORS[k % COLORS.length];
      ['previous', 'current'].forEach(function (side) {
        var d = '', pen = false;
        chart.points.forEach(function (p, i) {
          var v = p[side][k];
          if (v === null) { pen = false; return; }
          d += (pen ? ' L' : ' M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
          pen = true;
        });
        if (d) {
          s.appendChild(svg('path', { d: d.trim(), fill: 'none', stroke: color, 'stroke-width': side === 'current' ? 2 : 1.5,
            'stroke-dasharray': side === 'current' ? 'none' : '5 4', opacity: side === 'current' ? 1 : 0.55,
            'class': 'line ' + side }));
        }
        chart.points.forEach(function (p, i) {
          var v = p[side][k];
          if (v === null) { return; }
          var dot = svg('circle', { cx: x(i), cy: y(v), r: side === 'current' ? 3 : 2, fill: color,
            opacity: side === 'current' ? 1 : 0.55, 'class': 'point ' + side, 'data-series': name, 'data-index': i,
            'data-value': v });
          dot.appendChild(svg('title', {}, words(name) + ' ' + (side === 'current' ? p.day : p.previousDay) +
            ': ' + shown(v, chart.unit)));
          s.appendChild(dot);
        });
      });
    });
    return s;
  }

  function trendCard(chart, query) {
    var fig = el('figure', 'card wide trend-card');
    fig.setAttribute('data-chart', chart.name);
    fig.appendChild(el('figcaption', null, chart.title));
    fig.appendChild(trendChart(chart));
    var legend = el('p', 'muted legend');
    chart.series.forEach(function (name, k) {
      var now = 0, before = 0, nowN = 0, beforeN = 0;
      chart.points.forEach(function (p) {
        if (p.current[k] !== null) { now += p.current[k]; nowN++; }
        if (p.previous[k] !== null) { before += p.previous[k]; beforeN++; }
      });
      var total = chart.unit === 'count';
      var item = el('span', 'legend-item', words(name) + ': ' +
        shown(total ? now : (nowN ? now / nowN : null), chart.unit) + ' (previous period ' +
        shown(total ? before : (beforeN ? before / beforeN : null), chart.unit) + ')' + (total ? '' : ', mean of buckets'));
      item.style.borderLeft = '12px solid ' + COLORS[k % COLORS.length];
      legend.appendChild(item);
    });
    legend.appendChild(el('span', 'legend-item', 'dashed: previous period'));
    fig.appendChild(legend);
    var csv = el('a', 'trend-csv', 'Download CSV');
    csv.href = API + '/insights/trends/' + encodeURIComponent(chart.name) + '.csv' + query;
    csv.setAttribute('download', '');
    fig.appendChild(csv);
    return fig;
  }

  function loadTrends(query) {
    var box = $('trends');
    box.removeAttribute('data-loaded');
    $('trends-status').textContent = 'Loading\u2026';
    return api('GET', '/insights/trends' + query).then(function (t) {
      clear(box);
      $('trends-status').textContent = 'By ' + t.bucket + ', each beside the previous period of the same length (from ' +
        t.previousFromDay + ', dashed; days in ' + t.zone + ').';
      t.charts.forEach(function (c) { box.appendChild(trendCard(c, query)); });
      box.setAttribute('data-loaded', 'true');
    }, function (e) { $('trends-status').textContent = e.message; });
  }

  /* ---- insights ---- */
  /* the browser's date, for the period's default inputs (the server reads dates as the shop's days) */
  function day(d) {
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  function loadInsights() {
    var query = '?from=' + encodeURIComponent($('insights-from').value) + '&to=' + encodeURIComponent($('insights-to').value);
    $('insights-csv').href = API + '/insights/export.csv' + query; // the conversations of the period, one row each
    $('insights-status').textContent = 'Loading\u2026';
    loadTrends(query);
    return api('GET', '/insights' + query).then(renderInsights, function (e) {
      $('insights-status').textContent = e.message;
    });
  }

  function renderInsights(r) {
    var c = r.containment, f = r.feedback;
    $('insights-status').textContent = 'From ' + r.fromDay + ' to ' + r.toDay + ' (days in ' + r.zone + '). ' +
      'A conversation counts as contained when the bot handled it without an agent and the customer did not ' +
      'come back within ' + r.reopenWindowHours + ' h.';
    var chart = $('containment-chart'); clear(chart);
    chart.appendChild(ring(c.rate, 'Containment rate'));
    $('containment-text').textContent = c.contained + ' contained, ' + c.handedOver + ' handed to an agent, ' + c.open +
      ' still open, of ' + c.conversations + ' conversations';
    var helpful = $('helpful-chart'); clear(helpful);
    helpful.appendChild(ring(f.rate, 'Helpful feedback'));
    $('helpful-text').textContent = f.helpful + ' of ' + f.given + ' ratings were helpful';
    $('unmet-count').textContent = String(r.unmetNeeds);
    var reasons = Object.keys(r.escalationsByReason).map(function (k) { return { label: words(k), value: r.escalationsByReason[k] }; })
      .sort(function (a, b) { return b.value - a.value; });
    var rc = $('reasons-chart'); clear(rc); rc.appendChild(bars(reasons, 'Escalations by reason', '#c26a00'));
    var intents = r.topIntents.map(function (i) { return { label: i.intent, value: i.answers }; });
    var ic = $('intents-chart'); clear(ic); ic.appendChild(bars(intents, 'Top intents answered', '#2454d6'));
    var rt = r.ratings;
    $('ratings-summary').textContent = rt.count === 0 ? 'No ratings in this period.'
      : rt.count + ' ratings, average ' + number(rt.average, 2) + ' of 5 (' + rt.scores.map(function (n, i) { return (i + 1) + ': ' + n; }).join(', ') + ')';
    [['ratings-by-agent', rt.byAgent], ['ratings-by-intent', rt.byIntent], ['ratings-by-team', rt.byTeam]].forEach(function (table) {
      var tbody = $(table[0]); clear(tbody);
      table[1].forEach(function (g) {
        var tr = el('tr');
        [g.name, g.count, number(g.average, 2)].forEach(function (v) { tr.appendChild(el('td', null, v)); });
        tbody.appendChild(tr);
      });
    });
    var split = $('hours-split'); clear(split);
    [['In hours', r.hours.inHours], ['Out of hours', r.hours.outOfHours]].forEach(function (row) {
      var tr = el('tr'); tr.appendChild(el('th', null, row[0])).setAttribute('scope', 'row');
      var t = row[1];
      [t.conversations, t.contained, t.handedOver, t.open, percent(t.rate)].forEach(function (v) { tr.appendChild(el('td', null, v)); });
      split.appendChild(tr);
    });
    $('hours-split-note').textContent = r.hours.scheduled
      ? 'By when each conversation started, as the opening hours in force now classify it.'
      : 'No opening hours are set, so every conversation counts as in hours.';
    var body = $('models'); clear(body);
    r.models.forEach(function (m) {
      var tr = el('tr');
      if (m.current) { tr.className = 'current'; }
      var name = el('td', null, m.version + (m.current ? ' (current)' : ''));
      tr.appendChild(name);
      var metrics = m.metrics || {};
      [m.createdAt ? m.createdAt.slice(0, 16).replace('T', ' ') : '\u2013', m.trainingExamples === null ? '\u2013' : m.trainingExamples,
        m.intents === null ? '\u2013' : m.intents, number(m.threshold, 3), percent(metrics.accuracy),
        percent(metrics.coverage), percent(metrics.answeredPrecision), percent(metrics.oosRecall)]
        .forEach(function (v) { tr.appendChild(el('td', null, v)); });
      if (m.problem) { tr.title = m.problem; }
      body.appendChild(tr);
    });
    $('models-empty').hidden = r.models.length > 0;
    $('insights-view').setAttribute('data-loaded', 'true');
  }

  /* ---- unmet needs ---- */
  function loadUnmet() {
    $('unmet-status').textContent = 'Grouping the messages\u2026';
    return api('GET', '/unmet-needs').then(renderUnmet, function (e) { $('unmet-status').textContent = e.message; });
  }

  function renderUnmet(report) {
    $('unmet-status').textContent = report.candidates + ' escalated messages no intent covers: ' + report.groups.length +
      ' groups, ' + report.ungrouped + ' not in a group.';
    var list = $('unmet-groups'); clear(list);
    report.groups.forEach(function (g) { list.appendChild(group(g)); });
    $('unmet-view').setAttribute('data-loaded', 'true');
  }

  function field(form, id, labelText, control) {
    var label = el('label', null, labelText); label.htmlFor = id; control.id = id;
    form.appendChild(label); form.appendChild(control);
    return control;
  }

  function group(g) {
    var li = el('li', 'group');
    li.setAttribute('data-group', g.number);
    var heading = el('h3', null, '#' + g.number + ' \u00b7 ' + g.size + ' messages \u00b7 suggested: ' + g.suggestedName);
    li.appendChild(heading);
    var reps = el('ul', 'reps');
    g.representatives.forEach(function (t) { reps.appendChild(el('li', null, t)); });
    li.appendChild(reps);
    var form = el('form', 'new-intent');
    var prefix = 'group-' + g.number + '-';
    var name = field(form, prefix + 'name', 'Intent name', el('input'));
    name.value = g.suggestedName.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '');
    name.required = true; name.pattern = '[a-z][a-z0-9_]{1,63}'; name.autocomplete = 'off';
    name.title = 'lower-case letters, digits and underscores, starting with a letter';
    var answer = field(form, prefix + 'answer', 'Answer the bot gives', el('textarea'));
    answer.rows = 2; answer.required = true; answer.maxLength = 2000;
    var examples = field(form, prefix + 'examples', 'Examples (one per line)', el('textarea'));
    examples.rows = Math.min(8, Math.max(3, g.messages.length)); examples.value = g.messages.join('\n');
    var save = el('button', null, 'Create intent'); save.type = 'submit';
    form.appendChild(save);
    var status = el('p', 'group-status'); status.setAttribute('role', 'status');
    form.appendChild(status);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      status.textContent = 'Saving\u2026';
      var lines = examples.value.split('\n').map(function (s) { return s.trim(); }).filter(function (s) { return s; });
      api('POST', '/unmet-needs/' + g.number + '/intent', { name: name.value.trim(), answer: answer.value, examples: lines })
        .then(function (r) {
          status.textContent = 'Created ' + r.intent + ' (' + r.file + ', ' + r.examples +
            ' examples). It is learnt at the next ./chatbot retrain.';
          save.disabled = true;
        }, function (e) { status.textContent = e.message; name.focus(); });
    });
    li.appendChild(form);
    return li;
  }

  /* ---- views ---- */
  function show(view) {
    ['queue', 'insights', 'unmet'].forEach(function (v) {
      var b = $('view-' + v);
      if (v === view) { b.setAttribute('aria-current', 'page'); } else { b.removeAttribute('aria-current'); }
    });
    document.querySelector('main.layout').hidden = view !== 'queue';
    $('insights-view').hidden = view !== 'insights';
    $('unmet-view').hidden = view !== 'unmet';
    if (view === 'insights') {
      if (!loaded.insights) { loaded.insights = true; loadInsights(); }
      $('insights-heading').focus();
    } else if (view === 'unmet') {
      if (!loaded.unmet) { loaded.unmet = true; loadUnmet(); }
      $('unmet-heading').focus();
    } else {
      $('queue-heading').focus();
    }
  }

  function start() {
    api('GET', '/me').then(function (me) {
      csrf = me.csrf && me.csrf.token ? me.csrf : null;
      if (me.role !== 'ADMIN' || me.mustChangePassword) { return; }
      var today = new Date();
      $('insights-to').value = day(today);
      $('insights-from').value = day(new Date(today.getTime() - 29 * 86400000));
      $('views').hidden = false;
      ['queue', 'insights', 'unmet'].forEach(function (v) {
        $('view-' + v).addEventListener('click', function () { show(v); });
      });
      $('period').addEventListener('submit', function (ev) { ev.preventDefault(); loadInsights(); });
      ['insights-from', 'insights-to'].forEach(function (id) {
        $(id).addEventListener('change', function () {
          $('insights-csv').href = API + '/insights/export.csv?from=' + encodeURIComponent($('insights-from').value) +
            '&to=' + encodeURIComponent($('insights-to').value);
        });
      });
      $('unmet-reload').addEventListener('click', loadUnmet);
      document.addEventListener('keydown', function (ev) {
        if (!ev.altKey) { return; }
        if (ev.key === 'i' || ev.key === 'I') { ev.preventDefault(); show('insights'); }
        if (ev.key === 'u' || ev.key === 'U') { ev.preventDefault(); show('unmet'); }
        if (ev.key === 'c' || ev.key === 'C') { ev.preventDefault(); show('queue'); }
      });
    }).catch(function () { /* the console shows login problems */ });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
