// The language chooser: a gentle suggestion, marking the reader's preferred language; never a redirect.
(function () {
  var prefs = navigator.languages || [navigator.language || ""];
  var choices = document.querySelectorAll(".choice");
  for (var i = 0; i < prefs.length; i++) {
    var wanted = String(prefs[i]).toLowerCase().split("-")[0];
    for (var j = 0; j < choices.length; j++) {
      if (choices[j].getAttribute("data-lang") === wanted) {
        var choice = choices[j], list = choice.parentNode;
        choice.classList.add("suggested");
        // In one column (a phone) the suggestion stands first, in reading and focus order alike:
        // a site in seven languages put it below the screen. Side by side, the languages keep
        // the site's order, none above the others.
        if (list.firstElementChild !== choice && getComputedStyle(list).gridTemplateColumns.split(" ").length === 1) {
          list.insertBefore(choice, list.firstElementChild);
        }
        return;
      }
    }
  }
})();
