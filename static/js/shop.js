/* 黔货进穗 storefront: small enhancements; every page works without this file.
   - forms marked data-submit-on-change apply as soon as a field changes (sort, price range);
   - <details data-open-wide> (the catalogue filters) start open on wide screens;
   - elements with class js-hidden are only for visitors without JavaScript. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  document.querySelectorAll("form[data-submit-on-change]").forEach(function (form) {
    form.addEventListener("change", function () {
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
    });
  });

  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) { details.open = true; });
  }

  // A submit button that was pressed once shows it is working and cannot be pressed twice.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      var button = event.submitter || form.querySelector("button[type=submit]");
      if (button && button.dataset.busy) { button.textContent = button.dataset.busy; }
      form.setAttribute("aria-busy", "true");
    });
  });
})();

/* Checkout: the total follows the chosen delivery method (the server computes both totals). */
(function () {
  "use strict";
  document.querySelectorAll("input[name=method_code]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      document.querySelectorAll("[data-order-total]").forEach(function (el) { el.textContent = radio.dataset.total; });
      document.querySelectorAll("[data-shipping-charge]").forEach(function (el) { el.textContent = radio.dataset.charge; });
    });
  });
})();
