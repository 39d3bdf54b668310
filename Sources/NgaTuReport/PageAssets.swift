/// The page's inline style sheet and script. Both are written without `<` and `&` so the
/// page stays well-formed XML without CDATA sections.
enum PageAssets {
    static let css = """
    :root { --ink: #1a1a1a; --muted: #4b5563; --rule: #d1d5db; --accent: #0b4f8a; --soft: #eef4fb; }
    * { box-sizing: border-box; }
    html { background: #ffffff; }
    body { margin: 0; color: var(--ink); background: #ffffff; line-height: 1.5; font-size: 16px;
      font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    html.show-vi [lang="en"], html.show-en [lang="vi"] { display: none !important; }
    header.top { background: var(--accent); color: #ffffff; }
    header.top .inner { max-width: 1160px; margin: 0 auto; padding: 18px 24px 16px; display: flex;
      gap: 16px; align-items: flex-start; justify-content: space-between; flex-wrap: wrap; }
    header.top h1 { margin: 0; font-size: 1.85rem; line-height: 1.25; }
    header.top p { margin: 4px 0 0; opacity: 0.92; }
    main { max-width: 1160px; margin: 0 auto; padding: 4px 24px 40px; }
    h2 { font-size: 1.4rem; margin: 2em 0 0.6em; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
    h3 { font-size: 1.1rem; margin: 1.4em 0 0.4em; }
    p { margin: 0.5em 0; max-width: 80ch; }
    .muted { color: var(--muted); }
    .question { font-size: 1.15rem; }
    .question .label { font-weight: 700; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 1em 0; }
    dl.facts dt { font-weight: 700; }
    dl.facts dd { margin: 0; }
    ul.strategies { margin: 0; padding-left: 0; list-style: none; }
    ul.strategies li { margin: 2px 0; }
    .swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; border: 1px solid #111111;
      vertical-align: baseline; }
    .headline { font-size: 1.5rem; line-height: 1.35; background: var(--soft); border-left: 8px solid var(--accent);
      padding: 16px 22px; margin: 0.6em 0; max-width: none; }
    .headline.inconclusive, .headline.no-single-winner { border-left-color: #6b7280; background: #f3f4f6; }
    ul.headline-points { padding-left: 1.2em; max-width: 70em; }
    ul.headline-points li { margin: 0.45em 0; }
    p.warning, div.warning { border-left: 6px solid #b45309; background: #fff7ed; padding: 6px 14px; max-width: 70em; }
    div.warning p { margin: 0.3em 0; font-weight: 700; }
    div.warning ul { margin: 0.2em 0 0.4em; padding-left: 1.2em; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 22px 26px; margin: 1em 0; }
    figure { margin: 1em 0; }
    figure.wide { max-width: 980px; }
    figcaption { font-weight: 700; margin-bottom: 4px; }
    .measure-chart figcaption, .junction-chart figcaption { min-height: 3em; }
    svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
    .chart .t { font-size: 11.5px; fill: #1f2937; }
    .chart .tick { fill: #374151; }
    .chart .unit, .chart .label { font-size: 12px; fill: #111827; }
    .chart .value { font-size: 12px; font-weight: 700; fill: #111827; }
    .chart .legend { font-size: 11.5px; fill: #111827; }
    .chart .band { font-size: 10.5px; font-weight: 700; fill: #8a3200; }
    .chart .grid { stroke: #e5e7eb; stroke-width: 1; }
    .chart .axis { stroke: #374151; stroke-width: 1.2; }
    .chart .whisker { stroke: #111111; stroke-width: 1.4; fill: none; }
    .chart .muted { fill: #6b7280; }
    .chart .on-dark { fill: #ffffff; font-weight: 700; }
    .chart .halo { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
    table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.92rem; }
    caption { text-align: left; font-weight: 700; padding: 4px 0 6px; }
    th, td { border-bottom: 1px solid var(--rule); padding: 5px 8px; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #6b7280; white-space: nowrap; }
    tbody th { font-weight: 600; }
    th.num { text-align: right; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td .held { display: block; color: #b45309; font-size: 0.85em; }
    table.differences td { font-variant-numeric: tabular-nums; } table.differences tbody th { white-space: nowrap; }
    table.differences thead th { white-space: normal; }
    td.verdict-better strong { color: #00603f; } td.verdict-worse strong { color: #a33a00; }
    .los { display: inline-block; min-width: 1.7em; padding: 0 3px; text-align: center; font-weight: 700;
      border: 1px solid #111111; border-radius: 3px; line-height: 1.35; }
    .los-A { background: #009E73; color: #000000; } .los-B { background: #7FCDAA; color: #000000; }
    .los-C { background: #F0E442; color: #000000; } .los-D { background: #E69F00; color: #000000; }
    .los-E { background: #D55E00; color: #000000; } .los-F { background: #8E0B2E; color: #ffffff; }
    .los-none { background: #ffffff; color: #000000; }
    ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0.6em 0; }
    ul.legend li { display: flex; align-items: center; gap: 6px; }
    .switch { display: flex; flex-wrap: wrap; gap: 6px; margin: 0.6em 0; }
    .switch button { font: inherit; font-size: 0.95rem; padding: 5px 12px; border: 2px solid var(--accent);
      background: #ffffff; color: var(--accent); border-radius: 4px; cursor: pointer; }
    .switch button[aria-pressed="true"] { background: var(--accent); color: #ffffff; }
    .switch button:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
    header.top .switch button { border-color: #ffffff; color: #ffffff; background: transparent; }
    header.top .switch button[aria-pressed="true"] { background: #ffffff; color: var(--accent); }
    html.no-js .switch, html.no-js .js-only { display: none; }
    html.js .map-layer { display: none; }
    html.js .map-layer.active { display: block; }
    .maps { max-width: 980px; }
    .map-layer svg { border: 1px solid var(--rule); }
    .map-bg { fill: #fafaf7; }
    .road { stroke: #9ca3af; fill: none; stroke-linecap: round; stroke-linejoin: round; }
    .road-incident { stroke: #D55E00; fill: none; stroke-dasharray: 7 5; stroke-linecap: butt; }
    .plain { fill: #6b7280; }
    .boundary { fill: #ffffff; stroke: #333333; stroke-width: 1.5; }
    .los-letter { font-size: 12.5px; font-weight: 700; font-family: inherit; }
    .junction-label { font-size: 11.5px; font-weight: 700; fill: #111111; paint-order: stroke; stroke: #ffffff;
      stroke-width: 3px; stroke-linejoin: round; }
    .street { font-size: 10.5px; font-style: italic; fill: #374151; paint-order: stroke; stroke: #fafaf7;
      stroke-width: 3px; stroke-linejoin: round; }
    .leader { stroke: #111111; stroke-width: 0.8; }
    .pb-controls { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; margin: 0.6em 0; }
    .pb-controls button { font: inherit; padding: 5px 12px; border: 2px solid var(--accent); background: #ffffff;
      color: var(--accent); border-radius: 4px; cursor: pointer; }
    .pb-controls button[aria-pressed="true"] { background: var(--accent); color: #ffffff; }
    .pb-slider { flex: 1 1 320px; }
    .pb-clock { font-size: 1.4rem; font-weight: 700; font-variant-numeric: tabular-nums; min-width: 4.5em; }
    .pb-panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px; }
    .pb-pane { margin: 0; }
    .pb-pane svg { border: 1px solid var(--rule); }
    .pb-seg { fill: none; stroke-linecap: round; stroke-linejoin: round; }
    .pb-incident { fill: none; stroke: #D00000; stroke-width: 3; stroke-dasharray: 5 4; }
    html.no-js .pb-controls { display: none; }
    .figure-save { display: flex; gap: 6px; justify-content: flex-end; margin: 2px 0 6px; }
    .figure-save button { font: inherit; font-size: 0.8rem; padding: 1px 8px; border: 1px solid #9ca3af;
      background: #ffffff; color: #374151; border-radius: 3px; cursor: pointer; }
    details.appendix summary { cursor: pointer; font-weight: 700; color: var(--accent); margin: 0.6em 0; }
    .chart .attribution { font-size: 9.5px; fill: #4b5563; }
    .share-bar { vertical-align: middle; margin-right: 6px; border: 1px solid #9ca3af; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
    code.hash { word-break: break-all; }
    ul.method li { margin: 0.35em 0; max-width: 90ch; }
    footer.attribution { border-top: 2px solid var(--rule); margin-top: 2.5em; padding-top: 0.6em; }
    @media (max-width: 700px) { dl.facts { grid-template-columns: 1fr; } .headline { font-size: 1.2rem; } }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      body { font-size: 10pt; }
      header.top { background: #ffffff; color: #000000; border-bottom: 3px solid #000000; }
      header.top .inner, main { max-width: none; padding-left: 0; padding-right: 0; }
      .switch { display: none !important; }
      h2 { color: #000000; border-bottom-color: #000000; break-after: avoid; }
      h3, figcaption, caption { break-after: avoid; }
      figure, tr, .headline, dl.facts { break-inside: avoid; }
      .charts { grid-template-columns: repeat(3, 1fr); gap: 6px 12px; }
      .measure-chart figcaption, .junction-chart figcaption { min-height: 0; font-size: 8.5pt; }
      figure.wide { max-width: 72%; margin: 0.5em auto; }
      .headline { border: 2px solid #000000; background: #ffffff; }
      table { font-size: 8.5pt; }
      thead { display: table-header-group; }
      .figure-save, .pb-controls, .pb-select { display: none !important; }
      html.js .map-layer { display: block !important; }
      .maps { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4px 8px; max-width: none; }
      .maps figcaption { font-size: 8.5pt; }
      .maps figure { margin: 0; }
      details.appendix:not([open]) > :not(summary) { display: none; }
      .pb-curve, .charts figure { break-inside: avoid; }
      section#playback { display: none; }
    }
    """

    /// Language switch and strategy switcher. Without script, the page shows its default
    /// language and every map layer.
    static let script = """
    (function () {
      var root = document.documentElement;
      root.className = root.className.replace("no-js", "js");
      function each(selector, f) { Array.prototype.forEach.call(document.querySelectorAll(selector), f); }
      function press(attribute, value) {
        each("[" + attribute + "]", function (b) { b.setAttribute("aria-pressed", String(b.getAttribute(attribute) === value)); });
      }
      function setLanguage(lang) {
        root.className = root.className.replace(/show-(vi|en)/, "show-" + lang);
        root.setAttribute("lang", lang);
        press("data-set-lang", lang);
      }
      function setLayer(layer) {
        each(".map-layer", function (f) { f.classList.toggle("active", f.getAttribute("data-layer") === layer); });
        press("data-set-layer", layer);
      }
      each("[data-set-lang]", function (b) {
        b.addEventListener("click", function () { setLanguage(b.getAttribute("data-set-lang")); });
      });
      each("[data-set-layer]", function (b) {
        b.addEventListener("click", function () { setLayer(b.getAttribute("data-set-layer")); });
      });
      // Save buttons: every chart and map as an SVG or PNG file, made in the page (offline).
      var pageStyle = document.querySelector("style").textContent;
      function lang() { return root.className.indexOf("show-en") >= 0 ? "en" : "vi"; }
      function standalone(svg) {
        var copy = svg.cloneNode(true);
        var other = lang() === "en" ? "vi" : "en";
        Array.prototype.forEach.call(copy.querySelectorAll("[lang]"), function (e) {
          if (e.getAttribute("lang") === other) { e.parentNode.removeChild(e); }
        });
        var style = document.createElementNS("http://www.w3.org/2000/svg", "style");
        style.textContent = pageStyle;
        copy.insertBefore(style, copy.firstChild);
        var box = svg.viewBox.baseVal;
        copy.setAttribute("width", String(box.width));
        copy.setAttribute("height", String(box.height));
        copy.setAttribute("font-family", "Noto Sans, DejaVu Sans, Arial, sans-serif");
        return new XMLSerializer().serializeToString(copy);
      }
      function download(name, blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      }
      each("svg.chart[data-figure]", function (svg) {
        var bar = document.createElement("div");
        bar.className = "figure-save";
        ["SVG", "PNG"].forEach(function (kind) {
          var b = document.createElement("button");
          b.type = "button";
          b.textContent = (lang() === "en" ? "Save " : "Lưu ") + kind;
          b.addEventListener("click", function () {
            var name = svg.getAttribute("data-figure") + "." + lang();
            var text = standalone(svg);
            if (kind === "SVG") { download(name + ".svg", new Blob([text], {type: "image/svg+xml"})); return; }
            var img = new Image();
            img.onload = function () {
              var box = svg.viewBox.baseVal, canvas = document.createElement("canvas");
              canvas.width = Math.round(box.width * 2);
              canvas.height = Math.round(box.height * 2);
              var g = canvas.getContext("2d");
              g.fillStyle = "#ffffff";
              g.fillRect(0, 0, canvas.width, canvas.height);
              g.drawImage(img, 0, 0, canvas.width, canvas.height);
              canvas.toBlob(function (blob) { download(name + ".png", blob); }, "image/png");
            };
            img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
          });
          bar.appendChild(b);
        });
        svg.parentNode.insertBefore(bar, svg.nextSibling);
      });
      // `#only=SECTION` shows one section alone (the README's screenshots).
      var only = /only=([a-z-]+)/.exec(location.hash);
      if (only) {
        each("main > section", function (s) { if (s.id !== only[1]) { s.style.display = "none"; } });
        each("footer", function (s) { s.style.display = "none"; });
      }
      var pb = document.getElementById("playback");
      if (pb) {
        var pbData = JSON.parse(document.getElementById("playback-data").textContent);
        var colours = ["#CBD5E1", "#FEE391", "#FEC44F", "#FB9A29", "#D95F0E", "#8C2D04"];
        var slider = pb.querySelector(".pb-slider");
        var clock = pb.querySelector(".pb-clock");
        var playButton = pb.querySelector(".pb-play");
        var active = pb.querySelector(".pb-incidents");
        var cursor = pb.querySelector(".pb-cursor");
        var frame = 0, timer = null;
        var last = pbData.times.length - 1;
        function two(n) { return (n > 9 ? "" : "0") + n; }
        function clockText(t) {
          if (pbData.start === null) {
            var m = Math.round(t / 60);
            return m + (root.className.indexOf("show-en") >= 0 ? " min" : " phút");
          }
          var s = Math.round(pbData.start + t);
          return two(Math.floor(s / 3600) % 24) + ":" + two(Math.floor(s / 60) % 60);
        }
        function show(f) {
          frame = Math.max(0, Math.min(last, f));
          var t = pbData.times[frame];
          slider.value = String(frame);
          clock.textContent = clockText(t);
          var shown = {};
          each("#playback .pb-pane", function (pane) {
            var key = pane.querySelector(".pb-select").value;
            shown[key] = true;
            var classes = pbData.strategies[key].classes;
            Array.prototype.forEach.call(pane.querySelectorAll(".pb-seg"), function (line) {
              var series = classes[Number(line.getAttribute("data-k"))];
              line.setAttribute("stroke", colours[Number(series.charAt(frame))]);
            });
          });
          var names = [];
          each("#playback .pb-incident", function (line) {
            var on = !(Number(line.getAttribute("data-from")) > t) ? !(t >= Number(line.getAttribute("data-to"))) : false;
            line.style.display = on ? "" : "none";
            var n = "#" + (Number(line.getAttribute("data-incident")) + 1);
            if (on) { if (names.indexOf(n) === -1) { names.push(n); } }
          });
          active.textContent = names.length ? (root.className.indexOf("show-en") >= 0 ? "Incidents in force: " : "Sự cố đang diễn ra: ") + names.join(", ") : "";
          each("#playback .pb-line", function (line) {
            line.style.opacity = shown[line.getAttribute("data-strategy")] ? "1" : "0.15";
          });
          var x0 = Number(cursor.getAttribute("data-left")), x1 = Number(cursor.getAttribute("data-right"));
          var x = x0 + (x1 - x0) * (last ? frame / last : 0);
          cursor.setAttribute("x1", String(x));
          cursor.setAttribute("x2", String(x));
        }
        function stop() {
          if (timer !== null) { clearInterval(timer); timer = null; }
          playButton.setAttribute("aria-pressed", "false");
        }
        playButton.addEventListener("click", function () {
          if (timer !== null) { stop(); return; }
          if (frame === last) { show(0); }
          playButton.setAttribute("aria-pressed", "true");
          timer = setInterval(function () {
            if (frame === last) { stop(); } else { show(frame + 1); }
          }, Math.max(40, Math.round(12000 / Math.max(1, last))));
        });
        slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
        each("#playback .pb-select", function (s) { s.addEventListener("change", function () { show(frame); }); });
        each("[data-set-lang]", function (b) { b.addEventListener("click", function () { show(frame); }); });
        var start = /t=([0-9]+)/.exec(location.hash);
        show(start ? Number(start[1]) : 0);
      }
    })();
    """
}
