// The organisation-tree picker (office/widgets.py): enhances every <select data-picker> into a
// search box over the options grouped by department, with chips for what is chosen.
//
// The select stays in the page (visually hidden) and is the single source of truth: choosing
// sets its options' `selected`, so the form posts exactly what it posted without this script,
// and a change made to the select by other code is shown too. Options carry their search keys
// from the server (data-keys: full pinyin and initials, 赵敏 → "zhaomin zm"; data-group-keys:
// the department's), so this file only filters.
//
//   data-picker="single|multiple"   set by the widget
//   data-picker-depends="<name>"    list only the people of the department chosen in that field
(function () {
  "use strict";

  var counter = 0;

  function normalise(text) {
    return (text || "").toLowerCase().replace(/\s+/g, "");
  }

  function matches(option, query) {
    if (!query) { return true; }
    var name = normalise(option.dataset.name || option.textContent);
    if (name.indexOf(query) !== -1 || normalise(option.textContent).indexOf(query) !== -1) { return true; }
    var keys = (option.dataset.keys || "").split(" ");
    for (var i = 0; i < keys.length; i++) {
      if (keys[i] && keys[i].indexOf(query) === 0) { return true; }
    }
    // A department's name or initials lists its people (bgs → everyone in 办公室).
    var group = normalise(option.dataset.group);
    if (group && group.indexOf(query) !== -1) { return true; }
    var groupKeys = (option.dataset.groupKeys || "").split(" ");
    for (var j = 0; j < groupKeys.length; j++) {
      if (groupKeys[j] && groupKeys[j] === query) { return true; }
    }
    return false;
  }

  function enhance(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "yes";
    var multiple = select.multiple;
    var id = "picker-" + (++counter);

    var root = document.createElement("div");
    root.className = "picker" + (select.classList.contains("is-invalid") ? " is-invalid" : "");
    var control = document.createElement("div");
    control.className = "picker-control form-control";
    var chips = document.createElement("span");
    chips.className = "picker-chips";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "picker-search";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    input.placeholder = select.dataset.pickerPlaceholder || "";
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label) {
      // The label now names the search box, the one thing that takes the focus.
      input.id = select.id + "_search";
      label.htmlFor = input.id;
    }
    var menu = document.createElement("div");
    menu.className = "picker-menu";
    menu.id = id + "-list";
    menu.setAttribute("role", "listbox");
    if (multiple) { menu.setAttribute("aria-multiselectable", "true"); }
    menu.hidden = true;

    control.appendChild(chips);
    control.appendChild(input);
    root.appendChild(control);
    root.appendChild(menu);
    select.parentNode.insertBefore(root, select.nextSibling);
    select.classList.add("picker-source");
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");

    var depends = select.dataset.pickerDepends && select.form
      ? select.form.querySelector('[name="' + select.dataset.pickerDepends + '"]') : null;
    var active = -1;
    var items = [];  // {option, el} of the rows shown

    function realOptions() {
      return Array.prototype.filter.call(select.options, function (o) { return o.value !== ""; });
    }

    function inScope(option) {
      if (!depends || !depends.value) { return true; }
      // People without a department (the leaders) are no department's people either.
      return option.dataset.department === depends.value;
    }

    function renderChips() {
      chips.textContent = "";
      realOptions().forEach(function (option) {
        if (!option.selected) { return; }
        var chip = document.createElement("span");
        chip.className = "picker-chip";
        chip.textContent = option.dataset.name || option.textContent;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "picker-chip-remove";
        remove.setAttribute("aria-label", "移除 " + chip.textContent);
        remove.textContent = "×";
        remove.addEventListener("click", function (event) {
          event.stopPropagation();
          option.selected = false;
          if (!multiple) { select.value = ""; }
          changed();
          input.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      var any = realOptions().some(function (o) { return o.selected; });
      input.placeholder = multiple || !any ? (select.dataset.pickerPlaceholder || "") : "";
      root.classList.toggle("picker-has-value", any);
    }

    function renderMenu() {
      var query = normalise(input.value);
      menu.textContent = "";
      items = [];
      var lastGroup = null;
      realOptions().forEach(function (option) {
        if (!inScope(option) || !matches(option, query)) { return; }
        var group = option.dataset.group || (option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "");
        if (group !== lastGroup && group) {
          var heading = document.createElement("div");
          heading.className = "picker-group";
          heading.setAttribute("role", "presentation");
          heading.textContent = group;
          menu.appendChild(heading);
        }
        lastGroup = group;
        var row = document.createElement("div");
        row.className = "picker-option" + (option.selected ? " is-selected" : "");
        row.id = id + "-opt-" + items.length;
        row.setAttribute("role", "option");
        row.setAttribute("aria-selected", option.selected ? "true" : "false");
        // Under its department's heading the name suffices; the position tells namesakes apart.
        row.textContent = option.dataset.name || option.textContent;
        if (option.dataset.detail) {
          var detail = document.createElement("small");
          detail.className = "picker-detail";
          detail.textContent = option.dataset.detail;
          row.appendChild(detail);
        }
        row.addEventListener("mousedown", function (event) { event.preventDefault(); });
        row.addEventListener("click", function () { choose(option); });
        menu.appendChild(row);
        items.push({ option: option, el: row });
      });
      if (!items.length) {
        var empty = document.createElement("div");
        empty.className = "picker-empty";
        empty.textContent = query ? "没有匹配“" + input.value + "”的选项" : "没有可选的选项";
        menu.appendChild(empty);
      }
      setActive(items.length ? Math.min(Math.max(active, 0), items.length - 1) : -1);
    }

    function setActive(index) {
      active = index;
      items.forEach(function (item, i) { item.el.classList.toggle("is-active", i === index); });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].el.id);
        var el = items[index].el;
        if (el.offsetTop < menu.scrollTop) { menu.scrollTop = el.offsetTop; }
        else if (el.offsetTop + el.offsetHeight > menu.scrollTop + menu.clientHeight) {
          menu.scrollTop = el.offsetTop + el.offsetHeight - menu.clientHeight;
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!menu.hidden) { return; }
      menu.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = 0;
      renderMenu();
    }

    function close() {
      menu.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function choose(option) {
      if (multiple) {
        option.selected = !option.selected;
      } else {
        option.selected = true;
      }
      input.value = "";
      changed();
      if (multiple) {
        renderMenu();
        input.focus();
      } else {
        close();
      }
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", function () { active = 0; menu.hidden ? open() : renderMenu(); });
    input.addEventListener("blur", function () { window.setTimeout(close, 120); });
    control.addEventListener("click", function () { input.focus(); open(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (menu.hidden) { open(); } else if (items.length) { setActive((active + 1) % items.length); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (items.length) { setActive((active - 1 + items.length) % items.length); }
      } else if (event.key === "Enter") {
        if (!menu.hidden && active >= 0 && items[active]) {
          event.preventDefault();  // choosing, not sending the form
          choose(items[active].option);
        }
      } else if (event.key === "Escape") {
        if (!menu.hidden) { event.preventDefault(); close(); }
      } else if (event.key === "Backspace" && !input.value) {
        var chosen = realOptions().filter(function (o) { return o.selected; });
        if (chosen.length) {
          chosen[chosen.length - 1].selected = false;
          if (!multiple) { select.value = ""; }
          changed();
        }
      }
    });

    // The select is the truth: whoever changes it (this script, a test, the browser restoring a
    // form), the chips follow.
    select.addEventListener("invalid", function () {
      // The browser's check of a required select: show it on the picker the person sees.
      root.classList.add("is-invalid");
    });
    select.addEventListener("change", function () {
      if (realOptions().some(function (o) { return o.selected; })) { root.classList.remove("is-invalid"); }
      renderChips();
      if (!menu.hidden) { renderMenu(); }
    });
    if (depends) {
      depends.addEventListener("change", function () {
        // A person of another department no longer fits the department chosen.
        realOptions().forEach(function (option) {
          if (option.selected && !inScope(option)) { option.selected = false; }
        });
        if (!multiple && select.selectedIndex >= 0 && !select.value) { select.value = ""; }
        renderChips();
      });
    }
    renderChips();
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("select[data-picker]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhanceAll(event.target); });
})();
