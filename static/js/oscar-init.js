/* Oscar's storefront behaviour (basket line actions, etc.), started without an inline script. */
document.addEventListener("DOMContentLoaded", function () {
  if (window.oscar && window.jQuery) { window.oscar.init(); }
});
