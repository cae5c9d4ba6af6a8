// The annual summary's finalise page: tick or clear every "omitted" confirmation at once.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-check-all], [data-uncheck-all]");
    if (!button) { return; }
    var name = button.dataset.checkAll || button.dataset.uncheckAll;
    var checked = Boolean(button.dataset.checkAll);
    button.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
      box.checked = checked;
    });
  });
})();
