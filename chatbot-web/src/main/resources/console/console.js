/*
 * Agent console. No framework, no build step. Everything customers (and agents) wrote is only ever set with
 * textContent, never as markup. Changes send the CSRF token from /api/v1/console/me in its header.
 */
(function () {
  'use strict';
  var API = '/api/v1/console';
  var HEARTBEAT_MS = 20000;
  var state = {
    me: null, csrf: null, status: 'ONLINE', faq: [], queue: [], queueAt: 0,
    conv: null, convSource: null, queueSource: null, shown: {}, messages: {}, teams: []
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function showError(text) { $('error').textContent = text || ''; }
  function percent(x) { return Math.round(x * 100) + '%'; }
  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m >= 60 ? Math.floor(m / 60) + ' h ' + (m % 60) + ' min' : (m ? m + ' min ' : '') + s + ' s';
  }

  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (state.csrf && method !== 'GET') { headers[state.csrf.headerName] = state.csrf.token; }
    return fetch(API + path, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 401) { window.location.assign('/login'); throw new Error('Please log in again.'); }
        return r.json().catch(function () { return {}; }).then(function (json) {
          if (!r.ok) { var err = new Error(json.message || ('HTTP ' + r.status)); err.status = r.status; throw err; }
          return json;
        });
      });
  }
  function act(promise) {
    showError('');
    return promise.catch(function (e) { showError(e.message); throw e; });
  }

  /* ---- presence ---- */
  function report() {
    return api('POST', '/presence', { status: state.status }).catch(function () { /* next heartbeat */ });
  }
  function setStatus(status) {
    state.status = status;
    var b = $('presence');
    b.textContent = status === 'ONLINE' ? 'Online' : 'Away';
    b.setAttribute('aria-pressed', status === 'ONLINE' ? 'true' : 'false');
    b.title = (status === 'ONLINE' ? 'You are online: click to go away' : 'You are away: click to go online') + ' (Alt+P)';
    report();
  }

  /* ---- the live queue ---- */
  function connectQueue() {
    if (state.queueSource) { state.queueSource.close(); }
    var source = new EventSource(API + '/queue/stream');
    state.queueSource = source;
    source.addEventListener('queue', function (m) {
      try { renderQueue(JSON.parse(m.data)); } catch (ignored) { /* bad frame */ }
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) { setTimeout(connectQueue, 2000); }
    };
  }

  function renderQueue(snapshot) {
    state.queue = snapshot.queue; state.queueAt = Date.now();
    $('online').textContent = snapshot.agentsOnline.length
      ? 'Online: ' + snapshot.agentsOnline.join(', ') : 'No agent is online: customers are told so.';
    var key = JSON.stringify([snapshot.total, snapshot.queue.map(function (i) {
      return [i.conversationId, i.reason, i.lastMessage, i.guesses, i.team, i.routedAgent, i.language, i.fit, i.overdue, i.transferNote];
    })]);
    if (key === state.queueKey) { /* same conversations: only the waiting times move */
      snapshot.queue.forEach(function (item) {
        var b = document.querySelector('.queue-item[data-conversation-id="' + item.conversationId + '"]');
        if (b) { b.setAttribute('data-waiting-seconds', item.waitingSeconds); }
      });
      return;
    }
    state.queueKey = key;
    var list = $('queue');
    var focusedId = document.activeElement && document.activeElement.getAttribute('data-conversation-id');
    clear(list);
    snapshot.queue.forEach(function (item) {
      var li = el('li');
      var b = el('button', 'queue-item'); b.type = 'button';
      b.setAttribute('data-conversation-id', item.conversationId);
      b.setAttribute('data-waiting-seconds', item.waitingSeconds);
      b.setAttribute('data-fit', item.fit);
      if (state.conv && state.conv.id === item.conversationId) { b.setAttribute('aria-current', 'true'); }
      var head = el('span', 'q-head');
      head.appendChild(el('span', 'q-reason', item.reason.replace(/_/g, ' ').toLowerCase()));
      head.appendChild(el('span', 'q-wait', 'waiting ' + duration(item.waitingSeconds)));
      b.appendChild(head);
      var route = routeText(item);
      if (route) { b.appendChild(el('span', 'q-route q-fit-' + item.fit.toLowerCase(), route)); }
      if (item.transferNote) {
        b.appendChild(el('span', 'q-note', 'Note from ' + item.transferNote.from + ': ' + item.transferNote.note));
      }
      b.appendChild(el('span', 'q-last', item.lastMessage ? item.lastMessage.text : '(no message yet)'));
      var guesses = el('span', 'q-guesses');
      guesses.setAttribute('aria-label', 'The bot\u2019s top guesses');
      item.guesses.forEach(function (g) { guesses.appendChild(el('span', 'q-guess', g.intent + ' ' + percent(g.confidence))); });
      b.appendChild(guesses);
      b.appendChild(el('span', 'muted', ' via ' + item.channel));
      b.addEventListener('click', function () { openConversation(item.conversationId); });
      li.appendChild(b); list.appendChild(li);
      if (focusedId === item.conversationId) { b.focus(); }
    });
    var total = typeof snapshot.total === 'number' ? snapshot.total : snapshot.queue.length;
    var more = total - snapshot.queue.length;
    $('queue-count').textContent = String(total);
    $('queue-more').textContent = more > 0 ? 'and ' + more + ' more waiting: \u201cClaim next\u201d takes the longest waiting first.' : '';
    $('queue-more').hidden = more <= 0;
    $('queue-empty').hidden = total > 0;
  }

  function routeText(item) {
    var to = item.routedAgent ? 'for ' + item.routedAgent + (item.team ? ' (' + item.team + ')' : '')
      : item.team ? 'team ' + item.team : item.language ? 'language ' + item.language : '';
    if (!to) { return ''; }
    var fit = { MINE: 'yours', OPEN: item.overdue ? 'waiting too long: open to all' : 'open to all', ELSEWHERE: 'routed elsewhere' }[item.fit];
    return to + ' \u00b7 ' + fit;
  }

  /* Waiting times tick locally between snapshots. */
  setInterval(function () {
    var elapsed = (Date.now() - state.queueAt) / 1000;
    Array.prototype.forEach.call(document.querySelectorAll('.queue-item'), function (b) {
      var w = b.querySelector('.q-wait');
      if (w) { w.textContent = 'waiting ' + duration(Number(b.getAttribute('data-waiting-seconds')) + elapsed); }
    });
  }, 1000);

  /* ---- one conversation ---- */
  function openConversation(id) {
    showError('');
    if (state.convSource) { state.convSource.close(); state.convSource = null; }
    state.conv = { id: id, state: null, agent: null };
    state.shown = {}; state.messages = {};
    clear($('transcript'));
    $('conversation').hidden = false; $('conversation-none').hidden = true;
    $('conv-id').textContent = id; $('conv-contact').textContent = ''; showContactDetails(null);
    Array.prototype.forEach.call(document.querySelectorAll('.queue-item'), function (b) {
      if (b.getAttribute('data-conversation-id') === id) { b.setAttribute('aria-current', 'true'); } else { b.removeAttribute('aria-current'); }
    });
    return api('GET', '/conversations/' + encodeURIComponent(id)).then(function (c) {
      if (!state.conv || state.conv.id !== id) { return; }
      state.conv.state = c.state; state.conv.agent = c.agent;
      $('conv-contact').textContent = c.contact ? '\u00b7 ' + c.contact.channel + ': ' + c.contact.address : '';
      showContactDetails(c.contactDetails);
      c.events.forEach(renderEvent);
      (c.undelivered || []).forEach(markUndelivered);
      (c.media || []).forEach(showMedia);
      updateHeader();
      follow(id, c.lastSeq);
      $('conversation-heading').focus();
    }).catch(function (e) { showError(e.message); });
  }

  /** How the customer asked to be reached (the leave-a-message form): shown as given, for agents only. */
  function showContactDetails(d) {
    var box = $('conv-details');
    if (!d) { box.hidden = true; box.textContent = ''; return; }
    box.textContent = 'Contact details left by the customer: ' + [d.name, d.email, d.phone].filter(function (v) { return v; }).join(' \u00b7 ');
    box.hidden = false;
  }

  function follow(id, after) {
    var source = new EventSource(API + '/conversations/' + encodeURIComponent(id) + '/stream?after=' + after);
    state.convSource = source;
    source.onmessage = function (m) {
      if (!state.conv || state.conv.id !== id) { return; }
      try { renderEvent(JSON.parse(m.data)); updateHeader(); } catch (ignored) { /* bad frame */ }
    };
  }

  function who(e) {
    switch (e.from) {
      case 'customer': return 'Customer';
      case 'agent': return e.agent ? 'Agent ' + e.agent : 'Agent';
      case 'bot': return 'Bot';
      default: return '';
    }
  }

  function renderEvent(e) {
    if (state.shown[e.seq]) { return; }
    state.shown[e.seq] = true;
    var c = state.conv;
    switch (e.type) {
      case 'Escalated': c.state = 'QUEUED'; break;
      case 'Claimed': c.state = 'AGENT'; c.agent = e.agent; break;
      case 'Transferred': c.state = 'QUEUED'; c.agent = null; break;
      case 'HandedBack': c.state = 'BOT'; c.agent = null; break;
      case 'Resolved': c.state = 'CLOSED'; c.agent = null; break;
      default: break;
    }
    if (e.type === 'Labelled') {
      var labelled = state.messages[e.messageId];
      if (labelled) { labelled.textContent = 'Labelled ' + e.intent + ' by ' + e.agent; }
    }
    if (e.type === 'MarkedNotCovered') {
      var marked = state.messages[e.messageId];
      if (marked) { marked.textContent = 'Marked not covered by the FAQ by ' + e.agent; }
    }
    var li = el('li', 'ev ev-' + e.from + ' ev-' + e.type);
    li.setAttribute('data-seq', e.seq);
    var line = who(e);
    if (e.type === 'BotAnswered' && e.intent) { line += ' \u00b7 ' + e.intent + ' ' + percent(e.confidence); }
    if (e.type === 'MessageReceived' && e.language) { line += ' \u00b7 ' + e.language; }
    if (line) { li.appendChild(el('span', 'ev-who', line)); }
    var text = systemText(e);
    if (text !== null) { li.appendChild(el('span', 'ev-text', text)); }
    if (e.type === 'MessageReceived') {
      li.setAttribute('data-message-id', e.messageId);
      if (e.guesses && e.guesses.length) {
        var g = el('span', 'q-guesses');
        g.setAttribute('aria-label', 'The bot\u2019s top guesses');
        e.guesses.forEach(function (x) { g.appendChild(el('span', 'ev-guess', x.intent + ' ' + percent(x.confidence))); });
        li.appendChild(g);
      }
      li.appendChild(labelForm(e));
      var status = el('span', 'ev-label'); status.setAttribute('aria-live', 'polite');
      state.messages[e.messageId] = status;
      li.appendChild(status);
    }
    var list = $('transcript');
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
  }

  /** A message the customer's platform refused for good: said under the message, with the platform's reason. */
  function markUndelivered(d) {
    var li = document.querySelector('#transcript li[data-seq="' + d.seq + '"]');
    if (li) { li.appendChild(el('span', 'ev-undelivered', 'not delivered: ' + d.reason)); }
  }

  /** What the customer sent that is not text, under its message: a photo shown, other files as a link, a location. */
  function showMedia(m) {
    var li = document.querySelector('#transcript li[data-message-id="' + CSS.escape(m.messageId) + '"]');
    if (!li) { return; }
    var box = el('span', 'ev-media');
    if (m.kind === 'location') {
      box.appendChild(el('span', null, 'Location: ' + m.location));
    } else if (m.kind === 'image' || m.kind === 'sticker') {
      var img = el('img', 'ev-photo');
      img.alt = 'Photo the customer sent'; img.src = m.url; img.loading = 'lazy';
      var open = el('a', null); open.href = m.url; open.target = '_blank'; open.rel = 'noopener';
      open.appendChild(img);
      box.appendChild(open);
    } else {
      var link = el('a', null, 'Open the ' + (m.kind === 'audio' ? 'voice message' : m.kind) + ' the customer sent');
      link.href = m.url; link.target = '_blank'; link.rel = 'noopener';
      box.appendChild(link);
    }
    li.appendChild(box);
  }

  function systemText(e) {
    switch (e.type) {
      case 'ConversationStarted': return 'Started on ' + e.channel + ' (' + e.locale + ')';
      case 'Escalated': return e.text + '  [escalated: ' + e.reason.replace(/_/g, ' ').toLowerCase()
        + (e.team ? ', team ' + e.team : '') + (e.language ? ', language ' + e.language : '') + ']';
      case 'Claimed': return 'claimed the conversation';
      case 'HandedBack': return 'handed the conversation back to the bot';
      case 'Transferred': return 'transferred the conversation to ' + (e.toAgent ? e.toAgent + (e.team ? ' (team ' + e.team + ')' : '')
        : 'team ' + e.team) + (e.text ? ': ' + e.text : '');
      case 'Resolved': return 'Resolved';
      case 'Labelled': return 'labelled a message as ' + e.intent;
      case 'MarkedNotCovered': return 'marked a message as not covered by the FAQ';
      case 'ConversationRated': return 'Rated ' + e.score + ' of 5' + (e.text ? ': ' + e.text : '');
      case 'FeedbackGiven': return (e.helpful ? 'Helpful' : 'Not helpful') + (e.text ? ': ' + e.text : '');
      default: return e.text === undefined ? null : e.text;
    }
  }

  function labelForm(e) {
    var form = el('form', 'label-form');
    var id = 'label-' + e.seq;
    var label = el('label', 'sr', 'Intent of this message'); label.htmlFor = id;
    var input = el('input', 'label-intent'); input.id = id; input.setAttribute('list', 'intent-list');
    input.autocomplete = 'off'; input.required = true;
    input.placeholder = e.guesses && e.guesses.length ? e.guesses[0].intent : 'intent';
    var save = el('button', 'label-save', 'Label'); save.type = 'submit';
    var notCovered = el('button', 'label-not-covered', 'Not covered'); notCovered.type = 'button';
    notCovered.title = 'No FAQ intent answers this message';
    notCovered.addEventListener('click', function () {
      act(api('POST', '/conversations/' + encodeURIComponent(state.conv.id) + '/not-covered',
        { messageId: e.messageId })).then(function () { input.value = ''; }, function () { /* shown */ });
    });
    form.appendChild(label); form.appendChild(input); form.appendChild(save); form.appendChild(notCovered);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var intent = input.value.trim();
      if (!intent) { return; }
      act(api('POST', '/conversations/' + encodeURIComponent(state.conv.id) + '/labels',
        { messageId: e.messageId, intent: intent })).then(function () { input.value = ''; }, function () { /* shown */ });
    });
    return form;
  }

  function updateHeader() {
    var c = state.conv;
    if (!c) { return; }
    var mine = c.state === 'AGENT' && state.me && c.agent === state.me.username;
    $('conv-state').textContent = ({ BOT: 'with the bot', QUEUED: 'waiting for an agent', AGENT: 'with an agent', CLOSED: 'closed' })[c.state] || c.state;
    $('conv-agent').textContent = c.agent ? '(' + c.agent + ')' : '';
    $('claim').disabled = c.state !== 'QUEUED';
    $('hand-back').disabled = !mine;
    $('resolve').disabled = c.state === 'CLOSED' || (c.state === 'AGENT' && !mine);
    $('reply-send').disabled = !mine;
    $('reply-text').disabled = !mine;
    $('canned-insert').disabled = !mine;
    $('transfer-send').disabled = !mine;
    $('transfer-to').disabled = !mine;
    $('transfer-note').disabled = !mine;
  }

  /* ---- teams: transfer targets, and (ADMIN) defining teams ---- */
  function loadTeams() {
    return api('GET', '/teams').then(function (r) {
      state.teams = r.teams;
      var select = $('transfer-to');
      while (select.options.length > 1) { select.remove(1); }
      r.teams.forEach(function (t) {
        var o = el('option', null, 'Team ' + t.name + ' (' + t.members.length + ')'); o.value = 'team:' + t.name; select.appendChild(o);
      });
      r.agents.forEach(function (a) {
        if (state.me && a.username === state.me.username) { return; }
        var o = el('option', null, 'Agent ' + a.username + (a.teams.length ? ' (' + a.teams.join(', ') + ')' : ''));
        o.value = 'agent:' + a.username; select.appendChild(o);
      });
      if (state.me && state.me.role === 'ADMIN') { renderTeams(r.teams); }
    });
  }

  function renderTeams(teams) {
    var list = $('teams'); clear(list);
    teams.forEach(function (t) {
      var li = el('li', 'team');
      li.setAttribute('data-team', t.name);
      li.appendChild(el('span', 'team-name', t.name));
      li.appendChild(el('span', 'muted', t.members.length ? ' \u2014 ' + t.members.join(', ') : ' \u2014 no members yet'));
      var b = el('button', null, 'Remove'); b.type = 'button';
      b.setAttribute('aria-label', 'Remove team ' + t.name);
      b.addEventListener('click', function () {
        act(api('DELETE', '/teams/' + encodeURIComponent(t.name))).then(refreshTeams, function () { /* shown */ });
      });
      li.appendChild(b); list.appendChild(li);
    });
  }

  function refreshTeams() { return Promise.all([loadTeams(), loadAgents()]); }

  function addTeam(ev) {
    ev.preventDefault();
    act(api('POST', '/teams', { name: $('new-team').value.trim() })).then(function () {
      $('new-team').value = ''; refreshTeams();
    }, function () { /* shown */ });
  }

  function words(text) { return text.split(',').map(function (x) { return x.trim(); }).filter(function (x) { return x; }); }

  function transfer(ev) {
    ev.preventDefault();
    var to = $('transfer-to').value;
    if (!to || !state.conv) { showError('Choose a team or an agent to transfer to.'); return; }
    var body = { note: $('transfer-note').value.trim() };
    if (to.indexOf('team:') === 0) { body.team = to.slice(5); } else { body.agent = to.slice(6); }
    act(api('POST', '/conversations/' + encodeURIComponent(state.conv.id) + '/transfer', body)).then(function () {
      $('transfer-note').value = ''; $('transfer-to').value = '';
    }, function () { /* shown */ });
  }

  function conversationAction(path) {
    var c = state.conv;
    if (!c) { return Promise.resolve(); }
    return act(api('POST', '/conversations/' + encodeURIComponent(c.id) + path));
  }

  function sendReply() {
    var text = $('reply-text').value.trim();
    if (!text || !state.conv) { return; }
    act(api('POST', '/conversations/' + encodeURIComponent(state.conv.id) + '/replies', { text: text }))
      .then(function () { $('reply-text').value = ''; $('reply-text').focus(); }, function () { /* shown */ });
  }

  /* ---- FAQ: canned replies and known intents ---- */
  function loadFaq() {
    return api('GET', '/faq').then(function (faq) {
      state.faq = faq;
      var canned = $('canned'), intents = $('intent-list');
      faq.forEach(function (f) {
        if (f.answer) { var o = el('option', null, f.intent + ' \u2014 ' + f.answer.slice(0, 60)); o.value = f.intent; canned.appendChild(o); }
        var i = el('option'); i.value = f.intent; intents.appendChild(i);
      });
    });
  }

  function insertCanned() {
    var intent = $('canned').value;
    var f = state.faq.filter(function (x) { return x.intent === intent; })[0];
    if (!f) { return; }
    var box = $('reply-text');
    box.value = box.value ? box.value + '\n' + f.answer : f.answer;
    box.focus();
  }

  /* ---- admin ---- */
  function loadAgents() {
    return api('GET', '/agents').then(function (agents) {
      var body = $('agents'); clear(body);
      agents.forEach(function (a) {
        var tr = el('tr');
        tr.appendChild(el('td', null, a.username));
        tr.appendChild(el('td', null, a.role));
        tr.appendChild(el('td', null, !a.enabled ? 'disabled' : (a.online ? 'online' : 'away')));
        tr.appendChild(routingCell(a));
        var td = el('td');
        if (a.username !== state.me.username) {
          var b = el('button', null, a.enabled ? 'Disable' : 'Enable'); b.type = 'button';
          b.setAttribute('aria-label', (a.enabled ? 'Disable ' : 'Enable ') + a.username);
          b.addEventListener('click', function () {
            act(api('POST', '/agents/' + encodeURIComponent(a.username) + (a.enabled ? '/disable' : '/enable')))
              .then(loadAgents, function () { /* shown */ });
          });
          td.appendChild(b);
        }
        tr.appendChild(td); body.appendChild(tr);
      });
    });
  }

  function routingCell(a) {
    var td = el('td');
    var form = el('form', 'routing-form');
    form.setAttribute('data-agent', a.username);
    var teams = el('input', 'routing-teams'); teams.value = (a.teams || []).join(', ');
    teams.setAttribute('aria-label', 'Teams of ' + a.username + ' (comma-separated)'); teams.placeholder = 'teams';
    var langs = el('input', 'routing-languages'); langs.value = (a.languages || []).join(', ');
    langs.setAttribute('aria-label', 'Languages of ' + a.username + ' (comma-separated, e.g. de, ja)'); langs.placeholder = 'languages';
    langs.size = 8;
    var save = el('button', null, 'Save'); save.type = 'submit';
    save.setAttribute('aria-label', 'Save teams and languages of ' + a.username);
    form.appendChild(teams); form.appendChild(langs); form.appendChild(save);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      act(api('PUT', '/agents/' + encodeURIComponent(a.username) + '/routing',
        { teams: words(teams.value), languages: words(langs.value) })).then(refreshTeams, function () { /* shown */ });
    });
    td.appendChild(form);
    return td;
  }

  function addAgent(ev) {
    ev.preventDefault();
    act(api('POST', '/agents', { username: $('new-username').value.trim(), password: $('new-password').value,
      role: $('new-role').value, mustChangePassword: $('new-must-change').checked })).then(function () {
      $('new-username').value = ''; $('new-password').value = ''; loadAgents();
    }, function () { /* shown */ });
  }

  /* ---- opening hours (ADMIN) ---- */
  function showHours(h) {
    $('hours-zone').value = h.zone;
    Array.prototype.forEach.call(document.querySelectorAll('.hours-day'), function (input) {
      var text = h.scheduled ? h.weekly[input.getAttribute('data-day')] : '';
      input.value = text === 'closed' ? '' : text;
    });
    $('hours-exceptions').value = Object.keys(h.exceptions).map(function (d) { return d + ' ' + h.exceptions[d]; }).join('\n');
    $('hours-source').textContent = !h.scheduled ? 'No hours are set: the team counts as always open.'
      : h.source === 'console' ? 'Saved in the console.' : 'From the configuration (chatbot.hours).';
  }

  function loadHours() {
    return api('GET', '/hours').then(showHours);
  }

  function saveHours(ev) {
    ev.preventDefault();
    var weekly = {};
    Array.prototype.forEach.call(document.querySelectorAll('.hours-day'), function (input) {
      weekly[input.getAttribute('data-day')] = input.value.trim() || 'closed';
    });
    var exceptions = {};
    $('hours-exceptions').value.split('\n').forEach(function (line) {
      line = line.trim();
      if (!line) { return; }
      var space = line.indexOf(' ');
      exceptions[space < 0 ? line : line.slice(0, space)] = space < 0 ? 'closed' : line.slice(space + 1).trim();
    });
    $('hours-status').textContent = '';
    act(api('PUT', '/hours', { zone: $('hours-zone').value.trim(), weekly: weekly, exceptions: exceptions }))
      .then(function (h) { showHours(h); $('hours-status').textContent = 'Saved.'; }, function () { /* shown */ });
  }

  /* ---- password ---- */
  function showPassword(forced) {
    document.querySelector('main.layout').hidden = true;
    $('insights-view').hidden = true;
    $('unmet-view').hidden = true;
    $('views').hidden = true;
    $('password-view').hidden = false;
    $('password-forced').hidden = !forced;
    $('password-cancel').hidden = forced;
    $('presence').hidden = forced;
    $('password-open').hidden = true;
    $('password-status').textContent = '';
    $('password-heading').focus();
  }
  function hidePassword() {
    $('password-view').hidden = true;
    document.querySelector('main.layout').hidden = false;
    $('views').hidden = !(state.me && state.me.role === 'ADMIN');
    if (!$('views').hidden) { $('view-queue').click(); }
    $('password-open').hidden = false;
    $('password-form').reset();
  }
  function changePassword(ev) {
    ev.preventDefault();
    if ($('next-password').value !== $('next-password-again').value) {
      $('password-status').textContent = 'The two new passwords differ.';
      return;
    }
    act(api('POST', '/me/password', { currentPassword: $('current-password').value,
      newPassword: $('next-password').value })).then(function () {
      if (state.me.mustChangePassword) { window.location.reload(); return; }
      hidePassword();
      $('password-status').textContent = 'Your password has been changed.';
    }, function () { /* shown */ });
  }
  /* ---- erasure (ADMIN): find first, then erase only after an explicit confirmation ---- */
  var pendingErasure = null;
  function erasureBody(target) {
    target = target.trim();
    return target.indexOf(':') > 0 ? { customer: target } : { conversationId: target };
  }
  function findErasure(ev) {
    if (ev) { ev.preventDefault(); }
    var body = erasureBody($('erase-target').value);
    $('erase-status').textContent = '';
    act(api('POST', '/erasures', body)).then(function (r) {
      if (!r.conversations.length) { $('erase-status').textContent = 'Nothing is stored for ' + $('erase-target').value.trim() + '.'; return; }
      pendingErasure = body;
      $('erase-question').textContent = 'Erase ' + r.conversations.length + ' conversation(s) of ' +
        $('erase-target').value.trim() + '? This cannot be undone.';
      var list = $('erase-list'); clear(list);
      r.conversations.forEach(function (id) { list.appendChild(el('li', null, id)); });
      $('erase-confirm').hidden = false;
      $('erase-no').focus();
    }, function () { /* shown */ });
  }
  function confirmErasure() {
    if (!pendingErasure) { return; }
    var body = { conversationId: pendingErasure.conversationId, customer: pendingErasure.customer, confirm: true };
    act(api('POST', '/erasures', body)).then(function (r) {
      $('erase-confirm').hidden = true; pendingErasure = null;
      $('erase-status').textContent = 'Erased ' + r.conversations.length + ' conversation(s) (' + r.events + ' events).';
      if (state.conv && r.conversations.indexOf(state.conv.id) >= 0) {
        $('conversation').hidden = true; $('conversation-none').hidden = false;
      }
    }, function () { /* shown */ });
  }
  function cancelErasure() {
    pendingErasure = null; $('erase-confirm').hidden = true; $('erase-status').textContent = 'Nothing was erased.';
    $('erase-target').focus();
  }

  /* ---- start ---- */
  function start() {
    $('presence').addEventListener('click', function () { setStatus(state.status === 'ONLINE' ? 'AWAY' : 'ONLINE'); });
    $('claim-next').addEventListener('click', function () {
      act(api('POST', '/queue/claim-next')).then(function (r) { return openConversation(r.conversationId); }, function () { /* shown */ });
    });
    $('claim').addEventListener('click', function () { conversationAction('/claim').catch(function () { /* shown */ }); });
    $('hand-back').addEventListener('click', function () { conversationAction('/hand-back').catch(function () { /* shown */ }); });
    $('resolve').addEventListener('click', function () { conversationAction('/resolve').catch(function () { /* shown */ }); });
    $('reply-form').addEventListener('submit', function (ev) { ev.preventDefault(); sendReply(); });
    $('reply-text').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); sendReply(); }
    });
    $('canned-insert').addEventListener('click', insertCanned);
    $('add-agent').addEventListener('submit', addAgent);
    $('add-team').addEventListener('submit', addTeam);
    $('transfer-form').addEventListener('submit', transfer);
    $('hours-form').addEventListener('submit', saveHours);
    $('password-form').addEventListener('submit', changePassword);
    $('password-open').addEventListener('click', function () { showPassword(false); });
    $('password-cancel').addEventListener('click', hidePassword);
    $('erase-form').addEventListener('submit', findErasure);
    $('erase-yes').addEventListener('click', confirmErasure);
    $('erase-no').addEventListener('click', cancelErasure);
    $('erase-conversation').addEventListener('click', function () {
      if (!state.conv) { return; }
      $('erase-target').value = state.conv.id; findErasure(); $('erase-heading').scrollIntoView();
    });
    document.addEventListener('keydown', function (ev) {
      if (!ev.altKey) { return; }
      if (ev.key === 'p' || ev.key === 'P') { ev.preventDefault(); $('presence').click(); }
      if (ev.key === 'n' || ev.key === 'N') { ev.preventDefault(); $('claim-next').click(); }
      if (ev.key === 'q' || ev.key === 'Q') { ev.preventDefault(); var first = document.querySelector('.queue-item'); (first || $('queue-heading')).focus(); }
    });
    api('GET', '/me').then(function (me) {
      state.me = me; state.csrf = me.csrf && me.csrf.token ? me.csrf : null;
      $('me').textContent = me.username + ' (' + me.role.toLowerCase() + ')';
      $('logout-csrf').value = state.csrf ? state.csrf.token : '';
      if (me.mustChangePassword) { // nothing else works until the agent has chosen their own password
        showPassword(true);
        document.body.setAttribute('data-ready', 'password');
        return null;
      }
      setStatus('ONLINE');
      setInterval(report, HEARTBEAT_MS);
      if (me.role === 'ADMIN') { $('admin').hidden = false; $('erase-conversation').hidden = false; loadAgents(); loadHours(); }
      connectQueue();
      var ready = function () { document.body.setAttribute('data-ready', 'true'); };
      return Promise.all([loadFaq(), loadTeams()]).then(ready, function (e) { ready(); throw e; });
    }).catch(function (e) { showError(e.message); });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
