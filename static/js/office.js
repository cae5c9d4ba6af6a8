// Behaviour shared by every page. Loaded as a file, never inline: the content security
// policy allows scripts from this server only, so pages declare behaviour with data-*
// attributes and this file wires them up.
//
//   data-confirm="问题"          on a form, button or link: ask before submitting/following;
//                                a form's <input data-confirmed-flag> is set to "yes" once asked
//   data-confirm-title="标题"     optional dialog title; data-confirm-ok="按钮文字" optional
//   data-autodismiss             on an alert: close it after a few seconds (success messages)
//   data-autosubmit              on a select/input: submit its form when the value changes
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) { return meta.content; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // htmx sends its requests without the form's hidden token when the element is not a form.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) { event.detail.headers["X-CSRFToken"] = token; }
  });

  // Failed htmx requests would otherwise do nothing visible.
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var text = status === 403 ? "您没有执行该操作的权限。"
      : status === 404 ? "记录不存在或您无权查看。"
      : "操作未能完成（错误代码 " + status + "），请稍后重试。";
    showAlert("danger", text);
  });
  document.addEventListener("htmx:sendError", function () {
    showAlert("danger", "无法连接服务器，请检查网络后重试。");
  });

  function showAlert(level, text) {
    var holder = document.getElementById("messages");
    if (!holder) { window.alert(text); return; }
    var alert = document.createElement("div");
    alert.className = "alert alert-" + level + " alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", "关闭");
    alert.appendChild(close);
    holder.appendChild(alert);
  }

  // ---- Confirmation dialogs -------------------------------------------------------
  var modal = null;
  var pending = null;

  function buildModal() {
    var el = document.createElement("div");
    el.className = "modal fade";
    el.id = "confirm-modal";
    el.tabIndex = -1;
    el.setAttribute("aria-hidden", "true");
    el.setAttribute("aria-labelledby", "confirm-modal-title");
    el.innerHTML =
      '<div class="modal-dialog modal-dialog-centered"><div class="modal-content">' +
      '<div class="modal-header"><h2 class="modal-title h5" id="confirm-modal-title"></h2>' +
      '<button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="关闭"></button></div>' +
      '<div class="modal-body"></div>' +
      '<div class="modal-footer"><button type="button" class="btn btn-outline-secondary" data-bs-dismiss="modal">取消</button>' +
      '<button type="button" class="btn btn-danger" data-confirm-accept></button></div>' +
      "</div></div>";
    document.body.appendChild(el);
    el.querySelector("[data-confirm-accept]").addEventListener("click", function () {
      var action = pending;
      pending = null;
      modal.hide();
      if (action) { action(); }
    });
    return new bootstrap.Modal(el);
  }

  function ask(source, proceed) {
    if (typeof bootstrap === "undefined") {
      if (window.confirm(source.dataset.confirm)) { proceed(); }
      return;
    }
    modal = modal || buildModal();
    var el = document.getElementById("confirm-modal");
    el.querySelector(".modal-title").textContent = source.dataset.confirmTitle || "请确认";
    el.querySelector(".modal-body").textContent = source.dataset.confirm;
    el.querySelector("[data-confirm-accept]").textContent = source.dataset.confirmOk || "确定";
    pending = proceed;
    modal.show();
  }

  // Capture phase, so the question comes before htmx or any other handler acts on the click.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("a[data-confirm], button[data-confirm], input[data-confirm]");
    if (!target || target.dataset.confirmed === "yes") { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(target, function () {
      target.dataset.confirmed = "yes";
      target.click();
      delete target.dataset.confirmed;
    });
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-confirm]") || form.dataset.confirmed === "yes") { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var submitter = event.submitter || null;
    ask(form, function () {
      form.dataset.confirmed = "yes";
      // Tells the server the question was asked (else it asks again on a page of its own).
      var flag = form.querySelector("input[data-confirmed-flag]");
      if (flag) { flag.value = "yes"; }
      if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
      delete form.dataset.confirmed;
    });
  }, true);

  // ---- Auto-submit and auto-dismiss -------------------------------------------------
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
    }
  });

  function scheduleDismiss(root) {
    if (typeof bootstrap === "undefined") { return; }
    root.querySelectorAll(".alert[data-autodismiss]").forEach(function (alert) {
      if (alert.dataset.dismissScheduled) { return; }
      alert.dataset.dismissScheduled = "yes";
      window.setTimeout(function () { bootstrap.Alert.getOrCreateInstance(alert).close(); }, 5000);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { scheduleDismiss(document); });
  document.addEventListener("htmx:afterSettle", function (event) { scheduleDismiss(event.target); });
})();
