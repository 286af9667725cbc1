/*
 * Support chatbot widget. Embed with one tag:
 *   <script src="https://bot.example/widget.js" data-chatbot-url="https://bot.example" defer></script>
 * No framework, no build step. Customer and agent text is only ever set with textContent.
 * The conversation (id + token) is kept in localStorage, so a reload shows the history and carries on.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-chatbot-url]');
  var base = ((script && script.getAttribute('data-chatbot-url')) || '').replace(/\/+$/, '');
  if (!base && script && script.src) { base = new URL(script.src).origin; }
  /* The widget's own texts, in the page's language (data-chatbot-lang, else <html lang>); English otherwise. */
  var TEXTS = {
    en: {
      title: 'Customer support',
      launch: 'Chat with us',
      close: 'Close chat',
      typing: 'Typing\u2026',
      human: 'Talk to a person',
      helpful: 'This helped',
      unhelpful: 'This did not help',
      yourMessage: 'Your message',
      ask: 'Ask us anything\u2026',
      send: 'Send',
      photo: 'Photo',
      photoTitle: 'Attach a photo (JPEG, PNG or WebP)',
      attach: 'Attach a photo',
      away: 'Our team is away: leave your message here, you are first in line.',
      waiting: 'Waiting for a member of our team\u2026',
      joined: 'A member of our team has joined the chat.',
      team: 'Support team',
      handedBack: 'You are chatting with our assistant again.',
      closed: 'This conversation has been closed.',
      thanksFeedback: 'Thanks for your feedback!',
      rateThis: 'Rate this conversation',
      howDidWeDo: 'How did we do? 1 is poor, 5 is excellent.',
      anythingToAdd: 'Anything to add? (optional)',
      commentLabel: 'Comment on your rating (optional)',
      sendRating: 'Send rating',
      contactLabel: 'Leave your contact details',
      contactIntro: 'Leave your details and we will get back to you. Only our team sees them.',
      name: 'Your name (optional)',
      email: 'E-mail',
      phone: 'Phone',
      sendDetails: 'Send details',
      needContact: 'Please leave an e-mail address or a phone number.',
      needMessage: 'Please write your message.',
      contactThanks: 'Thanks, we have your details and will get back to you.',
      tooQuick: 'You are sending messages too quickly. Please wait a moment.',
      failed: 'Something went wrong.',
      photoTooLarge: 'That photo is too large. Please send a smaller one.',
      photoType: 'Please send a photo as JPEG, PNG or WebP.',
      messageFirst: 'Tell us in a message what you need first; then a person can take over.',
      teamAway: 'Team away',
      back: ' \u2013 back ',
      teamAvailable: 'Team available',
      teamNobody: 'Team open \u2013 nobody online right now',
      rated: function (n) { return 'Thanks for rating this conversation ' + n + ' of 5!'; },
      rate: function (n) { return 'Rate ' + n + ' of 5'; }
    },
    de: {
      title: 'Kundenservice',
      launch: 'Chatten Sie mit uns',
      close: 'Chat schlie\u00dfen',
      typing: 'Schreibt\u2026',
      human: 'Mit einem Menschen sprechen',
      helpful: 'Das hat geholfen',
      unhelpful: 'Das hat nicht geholfen',
      yourMessage: 'Ihre Nachricht',
      ask: 'Fragen Sie uns etwas\u2026',
      send: 'Senden',
      photo: 'Foto',
      photoTitle: 'Foto anh\u00e4ngen (JPEG, PNG oder WebP)',
      attach: 'Foto anh\u00e4ngen',
      away: 'Unser Team ist gerade nicht da: Schreiben Sie uns hier, Sie sind als N\u00e4chstes an der Reihe.',
      waiting: 'Ein Mitglied unseres Teams kommt gleich\u2026',
      joined: 'Ein Mitglied unseres Teams ist jetzt im Chat.',
      team: 'Support-Team',
      handedBack: 'Sie chatten wieder mit unserem Assistenten.',
      closed: 'Dieses Gespr\u00e4ch wurde beendet.',
      thanksFeedback: 'Danke f\u00fcr Ihr Feedback!',
      rateThis: 'Bewerten Sie dieses Gespr\u00e4ch',
      howDidWeDo: 'Wie war es? 1 ist schlecht, 5 ist ausgezeichnet.',
      anythingToAdd: 'M\u00f6chten Sie etwas erg\u00e4nzen? (optional)',
      commentLabel: 'Kommentar zu Ihrer Bewertung (optional)',
      sendRating: 'Bewertung senden',
      contactLabel: 'Kontaktdaten hinterlassen',
      contactIntro: 'Hinterlassen Sie Ihre Kontaktdaten, wir melden uns bei Ihnen. Nur unser Team sieht sie.',
      name: 'Ihr Name (optional)',
      email: 'E-Mail',
      phone: 'Telefon',
      sendDetails: 'Daten senden',
      needContact: 'Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.',
      needMessage: 'Bitte schreiben Sie Ihre Nachricht.',
      contactThanks: 'Danke, wir haben Ihre Daten und melden uns bei Ihnen.',
      tooQuick: 'Sie senden Nachrichten zu schnell. Bitte warten Sie einen Moment.',
      failed: 'Etwas ist schiefgelaufen.',
      photoTooLarge: 'Das Foto ist zu gro\u00df. Bitte senden Sie ein kleineres.',
      photoType: 'Bitte senden Sie ein Foto als JPEG, PNG oder WebP.',
      messageFirst: 'Schreiben Sie uns zuerst, worum es geht; dann \u00fcbernimmt ein Mensch.',
      teamAway: 'Team nicht erreichbar',
      back: ' \u2013 wieder da ',
      teamAvailable: 'Team erreichbar',
      teamNobody: 'Team im Dienst \u2013 gerade niemand online',
      rated: function (n) { return 'Danke f\u00fcr Ihre Bewertung: ' + n + ' von 5!'; },
      rate: function (n) { return n + ' von 5 bewerten'; }
    }
  };
  var lang = ((script && script.getAttribute('data-chatbot-lang')) || document.documentElement.lang || 'en')
    .slice(0, 2).toLowerCase();
  var T = TEXTS[lang] || TEXTS.en;
  var title = (script && script.getAttribute('data-chatbot-title')) || T.title;
  var STORE_KEY = 'chatbot:' + base;
  var state = { id: null, token: null, lastSeq: 0, shown: {}, source: null, retry: 1000, busy: false, starting: null };

  var css = [
    '.cb-root{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330}',
    '.cb-launch{background:#2454d6;color:#fff;border:0;border-radius:24px;padding:12px 18px;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)}',
    '.cb-launch:focus-visible,.cb-panel button:focus-visible,.cb-input:focus-visible{outline:3px solid #ffb020;outline-offset:2px}',
    '.cb-panel{display:none;flex-direction:column;width:360px;max-width:calc(100vw - 32px);height:520px;max-height:calc(100vh - 32px);background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden}',
    '.cb-open .cb-panel{display:flex}.cb-open .cb-launch{display:none}',
    '.cb-head{display:flex;align-items:center;justify-content:space-between;background:#2454d6;color:#fff;padding:10px 12px;font-weight:600}',
    '.cb-head button{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer;padding:2px 8px}',
    '.cb-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f5f7fb}',
    '.cb-msg{max-width:85%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}',
    '.cb-customer{align-self:flex-end;background:#2454d6;color:#fff}.cb-bot{align-self:flex-start;background:#fff;border:1px solid #dde3ee}',
    '.cb-agent{align-self:flex-start;background:#e8f6ec;border:1px solid #b9e2c4}.cb-notice{align-self:center;font-size:13px;color:#5b6475;text-align:center}',
    '.cb-who{display:block;font-size:11px;font-weight:600;color:#5b6475;margin-bottom:2px}',
    '.cb-quick{display:flex;flex-wrap:wrap;gap:6px;align-self:flex-start}',
    '.cb-quick button,.cb-actions button{background:#fff;border:1px solid #2454d6;color:#2454d6;border-radius:14px;padding:5px 10px;font:inherit;font-size:13px;cursor:pointer}',
    '.cb-typing{align-self:flex-start;color:#5b6475;font-size:13px;display:none}.cb-typing.cb-on{display:block}',
    '.cb-actions{display:flex;gap:6px;padding:6px 10px;border-top:1px solid #e4e8f0;flex-wrap:wrap}',
    '.cb-form{display:flex;border-top:1px solid #e4e8f0}.cb-input{flex:1;border:0;padding:12px;font:inherit;min-width:0}',
    '.cb-photo{display:flex;align-items:center;padding:0 10px;color:#2454d6;font-size:13px;font-weight:600;cursor:pointer;position:relative}',
    '.cb-photo input{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}',
    '.cb-photo:focus-within{outline:3px solid #ffb020;outline-offset:-3px}',
    '.cb-send{border:0;background:#2454d6;color:#fff;padding:0 16px;font:inherit;font-weight:600;cursor:pointer}',
    '.cb-error{color:#a3261b;font-size:13px;padding:4px 12px}',
    '.cb-status{display:block;font-size:12px;font-weight:400;opacity:.9}',
    '.cb-rating{align-self:center;display:flex;flex-direction:column;gap:6px;align-items:center;font-size:13px;color:#5b6475}',
    '.cb-stars{display:flex;gap:4px}.cb-stars button{background:#fff;border:1px solid #2454d6;color:#2454d6;border-radius:50%;width:34px;height:34px;font:inherit;font-weight:600;cursor:pointer}',
    '.cb-stars button[aria-pressed=true]{background:#2454d6;color:#fff}',
    '.cb-rating input{border:1px solid #dde3ee;border-radius:8px;padding:6px 8px;font:inherit;width:220px}',
    '.cb-contact{align-self:stretch;display:flex;flex-direction:column;gap:6px;background:#fff;border:1px solid #dde3ee;border-radius:12px;padding:10px;font-size:13px}',
    '.cb-contact input,.cb-contact textarea{border:1px solid #dde3ee;border-radius:8px;padding:6px 8px;font:inherit}',
    '.cb-contact button{align-self:flex-end;border:0;background:#2454d6;color:#fff;border-radius:14px;padding:6px 12px;font:inherit;font-weight:600;cursor:pointer}',
    '@media (max-width:480px){.cb-open{top:0;right:0;bottom:0;left:0}.cb-panel{width:100%;max-width:100%;height:100%;max-height:100%;border-radius:0}}'
  ].join('\n');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  var style = el('style'); style.textContent = css; document.head.appendChild(style);
  var root = el('div', 'cb-root'); root.setAttribute('data-chatbot', '');
  var launch = el('button', 'cb-launch', T.launch); launch.type = 'button';
  launch.setAttribute('aria-haspopup', 'dialog');
  var panel = el('section', 'cb-panel'); panel.setAttribute('role', 'dialog'); panel.setAttribute('aria-label', title);
  var head = el('div', 'cb-head');
  var heading = el('span', null, title);
  var status = el('span', 'cb-status'); status.setAttribute('aria-live', 'polite');
  heading.appendChild(status); head.appendChild(heading);
  var close = el('button', 'cb-close', '\u00d7'); close.type = 'button'; close.setAttribute('aria-label', T.close);
  head.appendChild(close);
  var log = el('div', 'cb-log'); log.setAttribute('role', 'log'); log.setAttribute('aria-live', 'polite');
  var typing = el('div', 'cb-typing', T.typing); typing.setAttribute('aria-hidden', 'true');
  var errorLine = el('div', 'cb-error'); errorLine.setAttribute('role', 'alert');
  var actions = el('div', 'cb-actions');
  var human = el('button', 'cb-human', T.human); human.type = 'button';
  var helpful = el('button', 'cb-helpful', T.helpful); helpful.type = 'button';
  var unhelpful = el('button', 'cb-unhelpful', T.unhelpful); unhelpful.type = 'button';
  actions.appendChild(human); actions.appendChild(helpful); actions.appendChild(unhelpful);
  var form = el('form', 'cb-form');
  var input = el('input', 'cb-input'); input.type = 'text'; input.setAttribute('aria-label', T.yourMessage);
  input.placeholder = T.ask; input.autocomplete = 'off'; input.maxLength = 2000;
  var send = el('button', 'cb-send', T.send); send.type = 'submit';
  var photo = el('label', 'cb-photo', T.photo); photo.title = T.photoTitle;
  var photoInput = el('input', 'cb-photo-input'); photoInput.type = 'file';
  photoInput.accept = 'image/jpeg,image/png,image/webp'; photoInput.setAttribute('aria-label', T.attach);
  photo.appendChild(photoInput);
  form.appendChild(input); form.appendChild(photo); form.appendChild(send);
  panel.appendChild(head); panel.appendChild(log); panel.appendChild(errorLine); panel.appendChild(actions);
  panel.appendChild(form);
  root.appendChild(launch); root.appendChild(panel);
  log.appendChild(typing);
  (document.body || document.documentElement).appendChild(root);

  function setTyping(on) { typing.className = on ? 'cb-typing cb-on' : 'cb-typing'; scroll(); }
  function scroll() { log.scrollTop = log.scrollHeight; }
  function showError(text) { errorLine.textContent = text || ''; }

  function bubble(kind, who, text) {
    var b = el('div', 'cb-msg cb-' + kind);
    if (who) { b.appendChild(el('span', 'cb-who', who)); }
    b.appendChild(document.createTextNode(text));
    log.insertBefore(b, typing); scroll();
    return b;
  }

  function quickReplies(options) {
    if (!options || !options.length) { return; }
    var row = el('div', 'cb-quick');
    options.forEach(function (label) {
      var b = el('button', null, label); b.type = 'button';
      b.addEventListener('click', function () { row.remove(); submit(label); });
      row.appendChild(b);
    });
    log.insertBefore(row, typing); scroll();
  }

  /* One event of GET .../events or the live stream. */
  function render(e) {
    if (state.shown[e.seq]) { return; }
    state.shown[e.seq] = true;
    state.lastSeq = Math.max(state.lastSeq, e.seq);
    save();
    switch (e.type) {
      case 'MessageReceived': bubble('customer', null, e.text); break;
      case 'BotAnswered': case 'ClarificationOffered': bubble('bot', null, e.text); quickReplies(e.quickReplies); setTyping(false); break;
      case 'Escalated':
        bubble('bot', null, e.text);
        bubble('notice', null, state.teamOpen === false ? T.away
          : T.waiting);
        if (state.teamOpen === false) { contactForm(); }
        setTyping(false); break;
      case 'NoticeSent': bubble('bot', null, e.text); if (e.offersContactForm) { contactForm(); } setTyping(false); break;
      case 'Claimed': bubble('notice', null, T.joined); break;
      case 'AgentReplied': bubble('agent', T.team, e.text); setTyping(false); break;
      case 'HandedBack': bubble('notice', null, T.handedBack); break;
      case 'Resolved': bubble('notice', null, T.closed); rating(); break;
      case 'ConversationRated': var asked = log.querySelector('.cb-rating'); if (asked) { asked.remove(); }
        state.rated = true; bubble('notice', null, T.rated(e.score)); break;
      case 'FeedbackGiven': bubble('notice', null, T.thanksFeedback); break;
      default: break;
    }
  }

  /* Asks for a rating of the closed conversation: 1 to 5 and an optional comment (once; the history may say it is done). */
  function rating() {
    if (state.rated || log.querySelector('.cb-rating')) { return; }
    var box = el('div', 'cb-rating'); box.setAttribute('role', 'group'); box.setAttribute('aria-label', T.rateThis);
    box.appendChild(el('span', null, T.howDidWeDo));
    var stars = el('div', 'cb-stars'); var chosen = 0;
    var comment = el('input'); comment.type = 'text'; comment.maxLength = 2000; comment.placeholder = T.anythingToAdd;
    comment.setAttribute('aria-label', T.commentLabel);
    var sendRating = el('button', 'cb-rate-send', T.sendRating); sendRating.type = 'button'; sendRating.disabled = true;
    [1, 2, 3, 4, 5].forEach(function (n) {
      var b = el('button', null, String(n)); b.type = 'button'; b.setAttribute('aria-label', T.rate(n));
      b.setAttribute('aria-pressed', 'false'); b.setAttribute('data-score', String(n));
      b.addEventListener('click', function () {
        chosen = n; sendRating.disabled = false;
        Array.prototype.forEach.call(stars.children, function (s) { s.setAttribute('aria-pressed', String(Number(s.getAttribute('data-score')) === n)); });
      });
      stars.appendChild(b);
    });
    sendRating.addEventListener('click', function () {
      if (!chosen || !state.id) { return; }
      sendRating.disabled = true;
      api('POST', '/' + encodeURIComponent(state.id) + '/rating', { score: chosen, comment: comment.value })
        .then(function () { return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=' + state.lastSeq); })
        .then(function (h) { h.events.forEach(render); })
        .catch(function (e) { sendRating.disabled = false; showError(e.message); });
    });
    box.appendChild(stars); box.appendChild(comment); box.appendChild(sendRating);
    log.insertBefore(box, typing); scroll();
  }

  /* The leave-a-message form, under the offer: how to reach the customer (kept as given, seen only by the team) and
     the message (which joins the chat like any other). Offered until the customer has sent it. */
  function contactForm() {
    if (state.contactLeft || log.querySelector('.cb-contact')) { return; }
    var box = el('form', 'cb-contact'); box.setAttribute('aria-label', T.contactLabel);
    box.appendChild(el('span', null, T.contactIntro));
    function field(tag, type, label, max) {
      var f = el(tag); if (type) { f.type = type; } f.placeholder = label; f.setAttribute('aria-label', label); f.maxLength = max;
      box.appendChild(f); return f;
    }
    var name = field('input', 'text', T.name, 100);
    var email = field('input', 'email', T.email, 254);
    var phone = field('input', 'tel', T.phone, 40);
    var message = field('textarea', null, T.yourMessage, 2000); message.rows = 3;
    var sendDetails = el('button', 'cb-contact-send', T.sendDetails); sendDetails.type = 'submit';
    box.appendChild(sendDetails);
    box.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!email.value.trim() && !phone.value.trim()) { showError(T.needContact); return; }
      if (!message.value.trim()) { showError(T.needMessage); return; }
      showError(''); sendDetails.disabled = true;
      var clientMessageId = 'c-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
      api('POST', '/' + encodeURIComponent(state.id) + '/contact', { name: name.value, email: email.value, phone: phone.value,
        message: message.value, clientMessageId: clientMessageId })
        .then(function () {
          state.contactLeft = true; save(); box.remove();
          bubble('notice', null, T.contactThanks);
          return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=' + state.lastSeq);
        })
        .then(function (h) { h.events.forEach(render); })
        .catch(function (e) { sendDetails.disabled = false; showError(e.message); });
    });
    log.insertBefore(box, typing); scroll();
  }

  function save() {
    try { localStorage.setItem(STORE_KEY, JSON.stringify({ id: state.id, token: state.token, lastSeq: state.lastSeq, contactLeft: !!state.contactLeft })); } catch (ignored) { /* private mode */ }
  }
  function load() {
    try { var s = JSON.parse(localStorage.getItem(STORE_KEY) || 'null'); if (s && s.id && s.token) { state.id = s.id; state.token = s.token; state.contactLeft = !!s.contactLeft; } } catch (ignored) { /* none */ }
  }

  /* A JSON body, or a file (Blob) sent as it is. */
  function api(method, path, body) {
    var file = typeof Blob !== 'undefined' && body instanceof Blob;
    var headers = { 'Content-Type': file ? (body.type || 'application/octet-stream') : 'application/json' };
    if (state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return fetch(base + '/api/v1/conversations' + path, { method: method, headers: headers, body: file ? body : (body ? JSON.stringify(body) : undefined) })
      .then(function (r) {
        if (r.status === 204) { return null; }
        return r.json().catch(function () { return {}; }).then(function (json) {
          if (!r.ok) { var err = new Error(json.message || ('HTTP ' + r.status)); err.status = r.status; throw err; }
          return json;
        });
      });
  }

  /* Starts the conversation unless there is one (or one is being started); `first` ({text, clientMessageId})
     makes the customer's first message part of the start, answered in the same request. */
  function start(first) {
    if (state.id) { return Promise.resolve(null); }
    if (state.starting) { return state.starting.then(function () { return null; }); }
    var body = { channel: 'web', locale: (navigator.language || 'en').slice(0, 2) };
    if (first) { body.text = first.text; body.clientMessageId = first.clientMessageId; }
    var done = function () { state.starting = null; };
    state.starting = api('POST', '', body).then(function (c) {
      state.id = c.conversationId; state.token = c.token; state.lastSeq = 0; state.shown = {}; state.rated = false; state.contactLeft = false; save(); connect();
      done();
      return c;
    }, function (e) { done(); throw e; });
    return state.starting;
  }

  function history() {
    return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=0').then(function (h) {
      h.events.forEach(render);
    }).catch(function (e) {
      if (e.status === 401 || e.status === 404) { forget(); }
    });
  }

  function forget() {
    state.id = null; state.token = null; state.lastSeq = 0; state.shown = {}; state.rated = false; state.contactLeft = false;
    try { localStorage.removeItem(STORE_KEY); } catch (ignored) { /* none */ }
  }

  /* Live events over SSE; the token goes in the query because EventSource cannot set headers. */
  function connect() {
    if (!state.id || !window.EventSource) { return; }
    if (state.source) { state.source.close(); }
    var url = base + '/api/v1/conversations/' + encodeURIComponent(state.id) + '/stream?after=' + state.lastSeq
      + '&token=' + encodeURIComponent(state.token);
    var source = new EventSource(url);
    state.source = source;
    var handler = function (m) { state.retry = 1000; try { render(JSON.parse(m.data)); } catch (ignored) { /* bad frame */ } };
    ['MessageReceived', 'BotAnswered', 'ClarificationOffered', 'Escalated', 'NoticeSent', 'Claimed', 'AgentReplied',
      'HandedBack', 'Resolved', 'FeedbackGiven', 'ConversationRated', 'ConversationStarted'].forEach(function (t) { source.addEventListener(t, handler); });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) { // reconnect with history after a dropped connection
        setTimeout(function () { history().then(connect); }, state.retry);
        state.retry = Math.min(state.retry * 2, 30000);
      }
    };
  }

  function submit(text) {
    text = (text || '').trim();
    if (!text || state.busy) { return; }
    showError('');
    state.busy = true; setTyping(true);
    var clientMessageId = 'w-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
    var sent = state.id || state.starting
      ? start().then(function () {
        return api('POST', '/' + encodeURIComponent(state.id) + '/messages', { text: text, clientMessageId: clientMessageId });
      })
      : start({ text: text, clientMessageId: clientMessageId }); // the first message starts the conversation
    sent.then(function (reply) {
      return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=' + state.lastSeq).then(function (h) {
        h.events.forEach(render);
        if (reply.state !== 'BOT') { setTyping(false); }
      });
    }).catch(function (e) {
      showError(e.status === 429 ? T.tooQuick : (e.message || T.failed));
    }).then(function () { state.busy = false; setTyping(false); });
  }

  /* A photo of the customer's (a damaged item, say): sent as it is, recorded as [photo], handed to a person. */
  function sendPhoto(file) {
    if (!file || state.busy) { return; }
    showError('');
    state.busy = true; setTyping(true);
    var clientMessageId = 'p-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
    start().then(function () {
      return api('POST', '/' + encodeURIComponent(state.id) + '/photos?clientMessageId=' + encodeURIComponent(clientMessageId), file);
    }).then(function () {
      return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=' + state.lastSeq);
    }).then(function (h) { h.events.forEach(render); }).catch(function (e) {
      showError(e.status === 413 ? T.photoTooLarge
        : e.status === 415 ? T.photoType
          : e.status === 429 ? T.tooQuick : (e.message || T.failed));
    }).then(function () { state.busy = false; setTyping(false); });
  }
  photoInput.addEventListener('change', function () { var f = photoInput.files && photoInput.files[0]; photoInput.value = ''; sendPhoto(f); });

  form.addEventListener('submit', function (ev) { ev.preventDefault(); var t = input.value; input.value = ''; submit(t); });
  human.addEventListener('click', function () {
    if (!state.id && !state.starting) { // a person needs something to go on: nothing is queued empty
      showError(T.messageFirst);
      input.focus();
      return;
    }
    showError(''); setTyping(true);
    start().then(function () { return api('POST', '/' + encodeURIComponent(state.id) + '/handoff'); })
      .then(function () { return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=' + state.lastSeq); })
      .then(function (h) { h.events.forEach(render); })
      .catch(function (e) { showError(e.message); })
      .then(function () { setTyping(false); });
  });
  function feedback(helped) {
    if (!state.id) { return; }
    api('POST', '/' + encodeURIComponent(state.id) + '/feedback', { helpful: helped, comment: '' })
      .then(function () { return api('GET', '/' + encodeURIComponent(state.id) + '/events?after=' + state.lastSeq); })
      .then(function (h) { h.events.forEach(render); })
      .catch(function (e) { showError(e.message); });
  }
  helpful.addEventListener('click', function () { feedback(true); });
  unhelpful.addEventListener('click', function () { feedback(false); });

  /* Whether the team is in (opening hours) and online, shown under the title; asked on open and every minute. */
  function availability() {
    return fetch(base + '/api/v1/availability').then(function (r) { return r.ok ? r.json() : null; }).then(function (a) {
      if (!a) { return; }
      state.teamOpen = a.open;
      status.textContent = !a.open ? T.teamAway + (a.nextOpeningText ? T.back + a.nextOpeningText : '')
        : a.agentsOnline ? T.teamAvailable : T.teamNobody;
      status.setAttribute('data-available', String(a.open && a.agentsOnline));
    }).catch(function () { /* the status line stays as it was */ });
  }
  setInterval(function () { if (root.classList.contains('cb-open')) { availability(); } }, 60000);

  function open() { availability(); root.classList.add('cb-open'); input.focus(); try { sessionStorage.setItem(STORE_KEY + ':open', '1'); } catch (ignored) { /* none */ } }
  function shut() { root.classList.remove('cb-open'); launch.focus(); try { sessionStorage.removeItem(STORE_KEY + ':open'); } catch (ignored) { /* none */ } }
  launch.addEventListener('click', open);
  close.addEventListener('click', shut);
  panel.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { shut(); } });

  load();
  if (state.id) { history().then(connect); }
  try { if (sessionStorage.getItem(STORE_KEY + ':open') === '1') { open(); } } catch (ignored) { /* none */ }
  window.ChatbotWidget = { open: open, close: shut };
})();
