#!/usr/bin/env python3
# Takes docs/img/widget.png and docs/img/console.png with the real Chromium (headless) through chromedriver's
# WebDriver HTTP API, against a running server whose console admin password is known:
#   CHATBOT_CONSOLE_ADMIN_PASSWORD=<pw> ./chatbot serve --port 18090 --data-dir /tmp/shots-data &
#   python3 scripts/screenshots.py http://127.0.0.1:18090 docs/img admin <pw>
"""Screenshots of the widget and the console through chromedriver's WebDriver HTTP API (no client library)."""
import base64, json, subprocess, sys, time, urllib.request, socket

base = sys.argv[1]
out = sys.argv[2]
s = socket.socket(); s.bind(("127.0.0.1", 0)); dport = s.getsockname()[1]; s.close()
driver = subprocess.Popen(["chromedriver", f"--port={dport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wd = f"http://127.0.0.1:{dport}"

def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(wd + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())["value"]

for _ in range(50):
    try:
        urllib.request.urlopen(wd + "/status", timeout=1); break
    except Exception:
        time.sleep(0.2)
try:
    sid = call("POST", "/session", {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": "/usr/bin/chromium",
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,860", "--hide-scrollbars"]}}}})["sessionId"]
    S = f"/session/{sid}"
    def find(css):
        for _ in range(100):
            try:
                el = call("POST", S + "/element", {"using": "css selector", "value": css})
                return list(el.values())[0]
            except urllib.error.HTTPError:
                time.sleep(0.2)
        raise SystemExit("not found: " + css)
    def text_of(css):
        return call("POST", S + "/execute/sync", {"script": f"var e=document.querySelector('{css}');return e?e.innerText:'';", "args": []})
    def wait_text(css, needle):
        for _ in range(150):
            if needle in text_of(css):
                return
            time.sleep(0.2)
        raise SystemExit(f"no {needle!r} in {css}")
    def shot(name):
        png = base64.b64decode(call("GET", S + "/screenshot"))
        open(f"{out}/{name}", "wb").write(png)

    # the widget on the demo page: one answered question, then a request for a person
    call("POST", S + "/url", {"url": base + "/"})
    call("POST", S + f"/element/{find('.cb-launch')}/click", {})
    def ask(q, expect):
        inp = find('.cb-input')
        call("POST", S + f"/element/{inp}/value", {"text": q})
        call("POST", S + f"/element/{find('.cb-send')}/click", {})
        wait_text('.cb-log', expect)
    ask("When are you open?", "Monday")
    time.sleep(0.5)
    shot("widget.png")
    ask("I want to talk to a person", "team")
    time.sleep(0.5)

    # the console: log in as the admin, open the waiting conversation, claim it
    call("POST", S + "/url", {"url": base + "/login"})
    call("POST", S + f"/element/{find('#username')}/value", {"text": sys.argv[3]})
    call("POST", S + f"/element/{find('#password')}/value", {"text": sys.argv[4]})
    call("POST", S + f"/element/{find('button[type=submit], input[type=submit]')}/click", {})
    find('#queue li, #queue tr, #queue [data-id], #queue button')
    time.sleep(1)
    call("POST", S + f"/element/{find('#claim-next')}/click", {})
    wait_text('#transcript', 'person')
    time.sleep(0.5)
    reply = find('#reply-text')
    call("POST", S + f"/element/{reply}/value", {"text": "Hi, I'm Sam from the team. How can I help?"})
    call("POST", S + f"/element/{find('#reply-send')}/click", {})
    wait_text('#transcript', 'Sam from the team')
    call("POST", S + "/execute/sync", {"script": "window.scrollTo(0,0);", "args": []})
    time.sleep(0.5)
    shot("console.png")
    call("DELETE", S)
finally:
    driver.terminate()
