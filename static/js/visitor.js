/*
 * Per-visitor bits of shared (cached) pages; see marketplace/visitor.py.
 *
 * A page rendered for the anonymous page cache carries no CSRF token. When a page has POST
 * forms without one, or comes back from the browser's back/forward cache, this asks
 * /visitor.json for the visitor's basket count, account link and a CSRF token, and fills
 *   [data-visitor="basket-count"]  the number (hidden when 0)
 *   [data-visitor="account"]       href, and the label when the element holds only text
 *   form[method=post]              a csrfmiddlewaretoken field
 * Without JavaScript the pages still work: marketplace.visitor.csrf_failure asks once to confirm.
 */
(function () {
  "use strict";

  var pending = null;

  function language() {
    return document.documentElement.lang === "en" ? "en" : "zh-hans";
  }

  function fetchState() {
    if (!pending) {
      pending = fetch("/visitor.json?lang=" + language(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        if (!response.ok) {
          throw new Error("visitor state " + response.status);
        }
        return response.json();
      });
      pending.catch(function () {
        pending = null;
      });
    }
    return pending;
  }

  function postForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form"), function (form) {
      return (form.getAttribute("method") || "").toLowerCase() === "post";
    });
  }

  function tokenInput(form) {
    return form.querySelector('input[name="csrfmiddlewaretoken"]');
  }

  function formsWithoutToken() {
    return postForms().filter(function (form) {
      var input = tokenInput(form);
      return !input || !input.value;
    });
  }

  function fill(state) {
    document.querySelectorAll('[data-visitor="basket-count"]').forEach(function (badge) {
      badge.textContent = state.basket_count ? String(state.basket_count) : "";
      badge.hidden = !state.basket_count;
    });
    document.querySelectorAll('[data-visitor="account"]').forEach(function (link) {
      if (link.tagName === "A") {
        link.setAttribute("href", state.account.url);
      }
      if (link.children.length === 0) {
        link.textContent = state.account.label;
      }
    });
    postForms().forEach(function (form) {
      var input = tokenInput(form);
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "csrfmiddlewaretoken";
        form.appendChild(input);
      }
      if (!input.value) {
        input.value = state.csrf_token;
      }
    });
  }

  function start() {
    var forms = formsWithoutToken();
    if (!forms.length) {
      return;
    }
    // A tap before the token arrived waits for it instead of failing.
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var input = tokenInput(form);
        if (input && input.value) {
          return;
        }
        event.preventDefault();
        var submitter = event.submitter || null;
        fetchState().then(function (state) {
          fill(state);
          if (form.requestSubmit) {
            form.requestSubmit(submitter);
          } else {
            form.submit();
          }
        }, function () {
          form.submit();
        });
      });
    });
    fetchState().then(fill, function () {});
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      pending = null;
      fetchState().then(fill, function () {});
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
