/* hcs-site: catalog filters. Progressive enhancement: without this script the catalog is a
   plain list of every course and the (hidden) filter form never shows. */
(function () {
  "use strict";
  /* Matching ignores case and accents: "matematicas" finds "Matemáticas", "algebra" "Álgebra". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function setup(form) {
    var list = document.querySelector(".hcs-catalog");
    if (!list) { return; }
    var items = Array.prototype.slice.call(list.querySelectorAll("li"));
    var words = items.map(function (li) { return fold(li.getAttribute("data-search") || ""); });
    var count = form.querySelector("[data-hcs-count]");
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    function apply() {
      var want = {};
      controls.forEach(function (el) { want[el.getAttribute("data-filter")] = el.value.trim().toLowerCase(); });
      var typed = fold(want.text || "").split(/\s+/).filter(Boolean); /* every word, in any order */
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = (!want.area || li.getAttribute("data-area").toLowerCase() === want.area) &&
          (!want.band || (" " + li.getAttribute("data-band") + " ").indexOf(" " + want.band + " ") >= 0) &&
          (!want.program || (" " + li.getAttribute("data-programs") + " ").indexOf(" " + want.program + " ") >= 0) &&
          typed.every(function (word) { return words[i].indexOf(word) >= 0; });
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) {
        count.textContent = shown === 1 ? count.getAttribute("data-one") :
          shown ? shown + " " + count.getAttribute("data-label") : count.getAttribute("data-none");
      }
    }
    controls.forEach(function (el) {
      el.addEventListener(el.tagName === "SELECT" ? "change" : "input", apply);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.removeAttribute("data-hcs-pending"); /* its space was kept (hcs.css): nothing moves */
    apply();
  }
  /* Accessibility fixes to the theme's own markup, which a district's pages also use. */
  function fixTheme() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
    }
    /* Wide Markdown tables scroll inside a wrapper: keyboards must be able to reach it. Inside an
       hcs-site region (.hcs-scroll, named after its course) the region itself scrolls and takes
       focus (hcs.css): a second, nested region with the page's title would repeat a landmark. */
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (!wrap.hasAttribute("tabindex") && !wrap.closest(".hcs-scroll")) {
        var table = wrap.querySelector("table");
        var caption = table && table.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent : (document.title || "Table"));
      }
    });
  }
  /* The header's menu and search buttons are labels for hidden checkboxes, which a keyboard cannot
     reach and which may not take a button role: each becomes a real <button> that says what it does
     and whether its panel is open, and toggles the checkbox Material watches. Without JavaScript
     the label stays and still works. Closed panels are hidden from the keyboard by hcs.css. */
  function headerButtons() {
    var names = document.documentElement.lang.indexOf("es") === 0 ?
      { __drawer: "Menú de navegación", __search: "Buscar" } :
      { __drawer: "Navigation menu", __search: "Search" };
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      var label = document.querySelector('.md-header label.md-header__button[for="' + id + '"]');
      if (!toggle || !label || label.hidden) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.setAttribute("data-hcs-toggle", id);
      button.setAttribute("aria-label", names[id]);
      button.setAttribute("aria-controls", id === "__drawer" ? "hcs-drawer" : "hcs-search");
      while (label.firstChild) { button.appendChild(label.firstChild); }
      label.hidden = true;
      label.parentNode.insertBefore(button, label);
      var panel = document.querySelector(id === "__drawer" ? ".md-sidebar--primary" : ".md-search");
      if (panel && !panel.id) { panel.id = id === "__drawer" ? "hcs-drawer" : "hcs-search"; }
      var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      sync();
      toggle.addEventListener("change", sync);
      button.addEventListener("click", function (event) {
        toggle.click(); /* checks or unchecks it and fires "change", which Material follows */
        sync();
        if (id === "__drawer" && toggle.checked && event.detail === 0) { /* opened from the keyboard */
          var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
          window.setTimeout(function () { if (first) { first.focus(); } }, 0);
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      var drawer = document.getElementById("__drawer");
      if (event.key === "Escape" && drawer && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change"));
        var opener = document.querySelector('.md-header button[data-hcs-toggle="__drawer"]');
        if (opener) { opener.focus(); }
      }
    });
  }
  /* Printed pages show where each link goes, as a full public URL (the canonical one when the
     site has a site_url), so a paper handout still leads somewhere. */
  function printUrls() {
    var canonical = document.querySelector("link[rel=canonical]");
    var base = canonical ? canonical.href : window.location.href;
    Array.prototype.forEach.call(document.querySelectorAll(".md-content a[href]:not(.headerlink)"), function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.closest(".md-content__button")) { return; }
      try { a.setAttribute("data-print-url", new URL(href, base).href); } catch (e) { /* keep going */ }
    });
  }
  function init() {
    fixTheme();
    headerButtons();
    printUrls();
    Array.prototype.forEach.call(document.querySelectorAll("[data-hcs-filters]"), setup);
  }
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
