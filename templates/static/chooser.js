// The language chooser: a gentle suggestion, marking the reader's preferred language; never a redirect.
(function () {
  var prefs = navigator.languages || [navigator.language || ""];
  var choices = document.querySelectorAll(".choice");
  for (var i = 0; i < prefs.length; i++) {
    var wanted = String(prefs[i]).toLowerCase().split("-")[0];
    for (var j = 0; j < choices.length; j++) {
      if (choices[j].getAttribute("data-lang") === wanted) {
        choices[j].classList.add("suggested");
        return;
      }
    }
  }
})();
