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
    .headline.inconclusive { border-left-color: #6b7280; background: #f3f4f6; }
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
      .charts { grid-template-columns: repeat(2, 1fr); gap: 10px 18px; }
      .headline { border: 2px solid #000000; background: #ffffff; }
      table { font-size: 8.5pt; }
      thead { display: table-header-group; }
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
    })();
    """
}
