(function () {
  var status = document.getElementById("status");
  var text = document.getElementById("text");
  var shown = document.getElementById("shown");
  var items = document.querySelectorAll("details.execution");
  function apply() {
    var want = status.value;
    var words = text.value.toLowerCase().trim();
    var count = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var fits = (want === "all" || item.getAttribute("data-status") === want) &&
        (words === "" || item.textContent.toLowerCase().indexOf(words) !== -1);
      item.hidden = !fits;
      if (fits) { count++; }
    }
    shown.textContent = count + " of " + items.length + " shown";
  }
  status.addEventListener("change", apply);
  text.addEventListener("input", apply);
  apply();
})();
