// Every page: signing out forgets this tab's chat history (a shared PC is the next person's).
"use strict";
(function () {
  const out = document.getElementById("sign-out");
  if (out) out.addEventListener("submit", () => sessionStorage.clear());
})();
